package io.tributary.tools;

import io.tributary.core.cli.BeamCommand;
import io.tributary.core.cli.EnvConfig;
import io.tributary.core.cli.RunSummary;
import io.tributary.core.cli.RunnerChoice;
import io.tributary.pipelines.invoices.InvoicesOptions;
import io.tributary.pipelines.invoices.cli.InvoicesCommand;
import io.tributary.pipelines.invoices.cli.KafkaFlags;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tributary invoices cdc-replay}: a CSV snapshot as Debezium events, then random changes. */
@Command(name = "cdc-replay", mixinStandardHelpOptions = true,
    description = "Send a CSV snapshot to the CDC topics as 'r' events, then random inserts, updates and deletes "
        + "(seeded); write the resulting tables as CSV with --final-snapshot.")
public final class InvoicesReplayCommand extends InvoicesCommand.Base implements Callable<Integer> {
  @Option(names = "--source", required = true, description = "Folder of the four CSV files")
  Path source;

  @Option(names = "--changes", defaultValue = "1000", description = "Random changes after the snapshot (default ${DEFAULT-VALUE})")
  long changes;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--no-snapshot", description = "Skip the 'r' events (the topics already hold this snapshot)")
  boolean noSnapshot;

  @Option(names = "--rate", defaultValue = "0", description = "Changes per second, 0 = as fast as possible (default ${DEFAULT-VALUE})")
  double rate;

  @Option(names = "--partitions", defaultValue = "1", description = "Partitions of topics created here (default ${DEFAULT-VALUE})")
  int partitions;

  @Option(names = "--final-snapshot", description = "Write the tables as they stand after the last event to this folder")
  Path finalSnapshot;

  @Mixin KafkaFlags kafka = new KafkaFlags();

  @Override
  protected Map<String, String> stepArgs() {
    Map<String, String> args = super.stepArgs();
    args.put("runner", "DirectRunner");
    return args;
  }

  @Override
  public Integer call() throws Exception {
    InvoicesOptions options = invoicesOptions();
    CdcReplay.Result r = CdcReplay.replay(options, source, !noSnapshot, changes, seed, partitions, rate,
        finalSnapshot, System.err);
    System.out.printf("sent %d snapshot and %d change events to %s (%s.*) in %d s%s%n", r.snapshotEvents,
        r.changeEvents, options.getBootstrapServers(), options.getTopicPrefix(), r.seconds,
        finalSnapshot == null ? "" : "; final tables in " + finalSnapshot);
    return 0;
  }
}
