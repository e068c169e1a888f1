package io.tributary.pipelines.stock.cli;

import io.tributary.core.cli.BeamCommand;
import io.tributary.core.cli.EnvConfig;
import io.tributary.core.cli.RunSummary;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.core.step.Lake;
import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import io.tributary.core.step.Webhook;
import io.tributary.pipelines.stock.EbayTable;
import io.tributary.pipelines.stock.LoadProduct;
import io.tributary.pipelines.stock.LoadStore;
import io.tributary.pipelines.stock.StockFeed;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.pipelines.stock.StockOptions;
import io.tributary.pipelines.stock.StockPrune;
import io.tributary.pipelines.stock.StockStep;
import io.tributary.pipelines.stock.StockTables;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import io.tributary.core.cli.StepArg;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tributary stock <step>}: supplier stock feeds to supplier_stock and the daily eBay table. */
@Command(name = "stock", mixinStandardHelpOptions = true,
    description = "Supplier stock: load-product, load-store, feed (xlsx to supplier_stock), ebay (table and revise.csv), "
        + "prune. Versions and rollback of the stock.* tables: tributary table history|rollback.",
    subcommands = {StockCommand.LoadProductCmd.class, StockCommand.LoadStoreCmd.class, StockCommand.FeedCmd.class,
        StockCommand.EbayCmd.class, StockCommand.PruneCmd.class})
public final class StockCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** Options from config's {@code stock:} section, then flags. */
  public abstract static class Base extends BeamCommand {
    @Option(names = "--webhook-url", description = "POST a JSON notification here after each step (default: config stock.webhookUrl; none when empty)")
    String webhookUrl;


    protected StockOptions stockOptions() {
      return stockOptions(stepArgs());
    }

    protected StockOptions stockOptions(Map<String, String> stepArgs) {
      // The config's stock: section (webhookUrl is the command's own), suppliers.yaml found beside the config.
      Map<String, String> fromConfig = new HashMap<>(configSection(StockOptions.class, "stock", Map.of(),
          java.util.Set.of("webhookUrl")));
      fromConfig.put("suppliersConfig", suppliersConfig());
      // The store is large (the seed's is 1.27 GB of Parquet, tens of millions of rows): cached as
      // objects, a 19M-row store upsert spent its 8 GiB heap in GC; serialized, a fraction of that.
      cacheSerializedOnSpark(fromConfig);
      StockOptions options = options(StockOptions.class, fromConfig, stepArgs);
      Lake.runId(options);
      return options;
    }

    /** config stock.suppliersConfig, else suppliers.yaml beside the env config, else config/suppliers.yaml. */
    protected String suppliersConfig() {
      String configured = config().get("stock.suppliersConfig");
      if (configured != null && !configured.isBlank()) {
        return configured;
      }
      return config().sibling("suppliers.yaml");
    }

    protected String webhook() {
      return webhookUrl != null ? webhookUrl : config().get("stock.webhookUrl");
    }

    /** Runs one step, prints the summary and notifies the webhook. */
    protected int runStep(String title, StockOptions options, Function<StockOptions, StockStep> make) {
      StockStep step = make.apply(options);
      RunSummary summary = new RunSummary("stock " + title + " (run " + options.getRunId() + ", runner "
          + runnerChoice().shortName() + ", lake " + options.getLake() + ", config " + config().describe() + ")");
      StepReport report = new StepExecutor(options, System.err).run(step);
      summary.add(report);
      summary.print(System.out);
      notify(options, report.step, step.table(), step.partitions(), report);
      return 0;
    }

    protected void notify(StockOptions options, String stepName, String table, List<String> partitions, StepReport report) {
      String url = webhook();
      if (url == null || url.isBlank()) {
        return;
      }
      ObjectMapper json = new ObjectMapper();
      ObjectNode body = json.createObjectNode();
      body.put("pipeline", "stock");
      body.put("step", stepName);
      body.put("table", table);
      partitions.forEach(body.putArray("partitions")::add);
      if (report != null) {
        body.put("rows_read", report.read);
        body.put("rows_written", report.written);
        body.put("rows_dead_lettered", report.deadLettered);
      }
      body.put("run_id", options.getRunId());
      body.put("lake", options.getLake());
      body.put("completed_at", Instant.now().toString());
      if (Webhook.post(url, body.toString(), System.err)) {
        System.err.println("notified " + url);
      }
    }
  }

  @Command(name = "load-product", mixinStandardHelpOptions = true,
      description = "Replace the stock.product table with a CSV or xlsx of custom_label, part_number, supplier.")
  public static final class LoadProductCmd extends Base implements Callable<Integer> {
    @StepArg("source")
    @Option(names = "--source", required = true, description = "FILE.csv or FILE.xlsx, local or s3://")
    String source;


    @Override
    public Integer call() {
      return runStep("load-product", stockOptions(), LoadProduct::new);
    }
  }

  @Command(name = "load-store", mixinStandardHelpOptions = true,
      description = "Upsert a CSV or xlsx of store listings into stock.store by item_id "
          + "(only the (ebay_store, supplier) partitions the load touches are rewritten).")
  public static final class LoadStoreCmd extends Base implements Callable<Integer> {
    @StepArg("source")
    @Option(names = "--source", required = true, description = "FILE.csv or FILE.xlsx, local or s3://")
    String source;

    @StepArg("replacePartition")
    @Option(names = "--replace-partition", description = "Each loaded partition becomes exactly the load (rows absent from it are dropped)")
    boolean replacePartition;


    @Override
    public Integer call() {
      return runStep("load-store", stockOptions(), LoadStore::new);
    }
  }

  @Command(name = "feed", mixinStandardHelpOptions = true,
      description = "A supplier's xlsx stock feed into stock.supplier_stock (replacing that supplier's day), "
          + "rules from suppliers.yaml.")
  public static final class FeedCmd extends Base implements Callable<Integer> {
    @StepArg("source")
    @Parameters(index = "0", paramLabel = "FILE.xlsx", description = "The feed, local or s3://; stock_feed/year=YYYY/month=MM/day=DD/SUPPLIER_*.xlsx names supplier and day")
    String file;

    @StepArg("supplier")
    @Option(names = "--supplier", description = "Supplier code (default: from the file name)")
    String supplier;

    @StepArg("date")
    @Option(names = "--date", description = "Day of the feed, yyyy-MM-dd (default: from the path)")
    String date;


    @Override
    public Integer call() {
      return runStep("feed " + file, stockOptions(), StockFeed::new);
    }
  }

  @Command(name = "ebay", mixinStandardHelpOptions = true,
      description = "The eBay table for a day: latest two supplier_stock snapshots per label joined to the store, "
          + "stock.ebay and exports/ebay/ebay_store=E/revise.csv.")
  public static final class EbayCmd extends Base implements Callable<Integer> {
    @StepArg("date")
    @Option(names = "--date", description = "Day, yyyy-MM-dd: snapshots up to it count (default: today, UTC)")
    String date;


    @Override
    public Integer call() {
      return runStep("ebay", stockOptions(), EbayTable::new);
    }
  }

  @Command(name = "prune", mixinStandardHelpOptions = true,
      description = "Delete supplier_stock days older than the retention, and expire older snapshots of the stock tables.")
  public static final class PruneCmd extends Base implements Callable<Integer> {
    @Option(names = "--older-than", description = "Retention in days, e.g. 30d (default: config "
        + "retention.stock.supplier_stock, else retention.default, else 30d)")
    String olderThan;

    @Option(names = "--date", description = "Today, yyyy-MM-dd (default: today, UTC): days before today minus the retention go")
    String date;

    @Override
    public Integer call() throws Exception {
      int days = StockPrune.retentionDays(olderThan != null ? olderThan
          : config().retention(StockTables.SUPPLIER_STOCK.name()));
      StockOptions options = stockOptions();
      LocalDate given = StockFeed.day(date, io.tributary.transforms.validation.DateRange.DEFAULT);
      LocalDate today = given == null ? LocalDate.now(ZoneOffset.UTC) : given;
      StockPrune.Pruned pruned;
      try (LakeCatalog catalog = LakeCatalog.open(Lake.catalog(options))) {
        pruned = StockPrune.prune(catalog, days, today, Instant.now(), options.getRunId());
      }
      System.out.printf("pruned %d supplier_stock partition(s) before %s%n", pruned.days().size(), today.minusDays(days));
      pruned.days().forEach(d -> System.out.println("  deleted " + StockTables.SUPPLIER_STOCK + " " + d));
      pruned.expired().forEach((t, n) -> System.out.printf("  expired %d snapshot(s) of %s older than %d days%n", n, t, days));
      notify(options, "prune", StockTables.SUPPLIER_STOCK.name(), pruned.days(), null);
      return 0;
    }
  }
}
