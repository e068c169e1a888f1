package io.tributary.pipelines.invoices.cli;

import io.tributary.core.cli.BeamCommand;
import io.tributary.core.cli.EnvConfig;
import io.tributary.core.cli.RunSummary;
import io.tributary.core.cli.RunnerChoice;
import io.tributary.core.step.Lake;
import io.tributary.core.step.StepExecutor;
import io.tributary.pipelines.invoices.InvoicesOptions;
import io.tributary.pipelines.invoices.RunInvoices;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import io.tributary.core.cli.StepArg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary invoices <command>}: late payments and product mix, batch and streaming CDC. */
@Command(name = "invoices", mixinStandardHelpOptions = true,
    description = "Invoices: late_payment and product_mix per account, batch (run) or from Kafka CDC (stream).",
    subcommands = {InvoicesCommand.Run.class, InvoicesStreamCommand.class})
public final class InvoicesCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Options shared by the invoices commands, resolved from config then flags. */
  public abstract static class Base extends BeamCommand {
    @StepArg("asOf")
    @Option(names = "--as-of", description = "Day to compute for, yyyy-MM-dd (default: today, UTC)")
    protected String asOf;

    @StepArg("paymentTermDays")
    @Option(names = "--payment-term-days", description = "Days an invoice may stay unpaid (default: config invoices.paymentTermDays, else 30)")
    Integer paymentTermDays;

    @StepArg("sinkJdbc")
    @Option(names = "--sink-jdbc", description = "Also write the outputs to JDBC tables (--jdbc-url)")
    Boolean sinkJdbc;


    /** Runner defaults, the config's {@code invoices:} section, the command's flags, Beam pass-through. */
    protected InvoicesOptions invoicesOptions() {
      return pipelineOptions(InvoicesOptions.class, "invoices", Map.of(), java.util.Set.of(), stepArgs());
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Batch: the four tables (CSV folder or JDBC) to the tables invoices.late_payment and "
          + "invoices.product_mix (the as-of day replaced), CSV exports in lake/exports, rejects to invoices.dead_letters.")
  public static final class Run extends Base implements Callable<Integer> {
    @StepArg("source")
    @Option(names = "--source", description = "Folder of accounts.csv, invoices.csv, invoice_line_items.csv, skus.csv "
        + "(local or s3://), or 'jdbc' (default: config invoices.source)")
    String source;

    @StepArg("sourceJdbcUrl")
    @Option(names = "--source-jdbc-url", description = "Database of the source tables for --source=jdbc (default: --jdbc-url)")
    String sourceJdbcUrl;


    @Override
    public Integer call() {
      InvoicesOptions options = invoicesOptions();
      Lake.runId(options);
      RunInvoices step = new RunInvoices(options);
      RunSummary summary = new RunSummary("invoices run as of " + step.asOf() + " (run " + options.getRunId()
          + ", runner " + runnerChoice().shortName() + ", source " + options.getSource() + ", lake " + options.getLake()
          + ", config " + config().describe() + ")");
      summary.add(new StepExecutor(options, System.err).run(step));
      summary.print(System.out);
      return 0;
    }
  }
}
