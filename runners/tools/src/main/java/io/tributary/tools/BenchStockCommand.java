package io.tributary.tools;

import io.tributary.pipelines.stock.cli.StockCommand;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.step.Lake;
import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import io.tributary.core.table.TableTotals;
import io.tributary.pipelines.stock.EbayTable;
import io.tributary.pipelines.stock.LoadProduct;
import io.tributary.pipelines.stock.LoadStore;
import io.tributary.pipelines.stock.StockFeed;
import io.tributary.pipelines.stock.StockTables;
import io.tributary.pipelines.stock.StockOptions;
import io.tributary.pipelines.stock.SupplierRules;
import org.apache.iceberg.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tributary bench stock}: a store of {@code --listings} rows and one supplier's feed of
 * {@code --parts} rows per day, through {@code feed} (two days) and {@code ebay}, on the chosen runner.
 * The store is generated and loaded once into {@code <work>/stock-base-*} (reused by later runs and
 * other runners: the weekly load is not what is measured) and registered in a fresh lake per run.
 * Prints, per step, the bytes of lake and input files the step reads and MB/s over its wall time.
 */
@Command(name = "stock", mixinStandardHelpOptions = true,
    description = "Store of --listings rows, feeds of --parts rows: feed x2 and ebay on a fresh copy of the lake; MB/s per step.")
final class BenchStockCommand extends StockCommand.Base implements Callable<Integer> {
  @Option(names = "--listings", defaultValue = "19000000", description = "Store rows (default ${DEFAULT-VALUE}, about 1 GB of Parquet)")
  long listings;

  @Option(names = "--parts", defaultValue = "200000", description = "Products of the supplier = rows per feed (default ${DEFAULT-VALUE})")
  int parts;

  @Mixin BenchRun.Flags bench = new BenchRun.Flags();

  @Override
  public Integer call() throws Exception {
    long seed = bench.seed;
    Path data = bench.work.resolve("stock-" + listings + "-" + parts + "-" + seed);
    BenchRun.generateIfAbsent(data.resolve("store.csv"), () -> {
      StockGenerator.Counts c = StockGenerator.write(data, SupplierRules.load(Path.of(suppliersConfig())), List.of("BET"),
          parts, listings, 2, LocalDate.parse("2024-06-03"), seed);
      return data + ": " + c.listings + " listings, " + c.feedRows + " feed rows";
    });
    Path base = bench.work.resolve("stock-base-" + listings + "-" + parts + "-" + seed);
    if (!Files.exists(base.resolve("loaded"))) {
      io.tributary.transforms.lake.LakeFiles.delete(base.toString());
      lake = base.toString();
      StockOptions load = stockOptions(Map.of("source", data.resolve("product.csv").toString()));
      StepExecutor executor = new StepExecutor(load, System.err);
      executor.run(new LoadProduct(load));
      load.setSource(data.resolve("store.csv").toString());
      load.setRunId(null);
      executor.run(new LoadStore(load));
      Files.writeString(base.resolve("loaded"), "");
    }
    // A fresh lake per run whose catalog shares the loaded product and store tables (read only here).
    lake = BenchRun.freshLake(bench.work.resolve("lake-stock-" + runnerChoice().shortName()));
    long storeBytes;
    long productBytes;
    StockOptions fresh = stockOptions(Map.of());
    try (LakeCatalog from = LakeCatalog.open(io.tributary.core.catalog.CatalogConfig.embedded(base.toString()));
        LakeCatalog to = LakeCatalog.open(Lake.catalog(fresh))) {
      storeBytes = bytes(to.register(StockTables.STORE, from.table(StockTables.STORE)));
      productBytes = bytes(to.register(StockTables.PRODUCT, from.table(StockTables.PRODUCT)));
    }

    List<String> rates = new ArrayList<>();
    List<Path> feeds;
    try (Stream<Path> walk = Files.walk(data.resolve("stock_feed"))) {
      feeds = walk.filter(p -> p.toString().endsWith(".xlsx")).sorted().collect(Collectors.toList());
    }
    try (BenchRun run = BenchRun.start("bench stock --listings=" + listings + " --parts=" + parts + " on "
        + runnerChoice().shortName() + " (store " + mb(storeBytes) + " MB Parquet)")) {
      for (Path feed : feeds) {
        StockOptions o = stockOptions(Map.of("source", feed.toString()));
        rates.add(rate("feed " + feed.getFileName(), Files.size(feed) + productBytes, run.run(o, new StockFeed(o))));
      }
      long stockBytes;
      try (LakeCatalog c = LakeCatalog.open(Lake.catalog(fresh))) {
        stockBytes = bytes(c.table(StockTables.SUPPLIER_STOCK));
      }
      StockOptions o = stockOptions(Map.of("date", "2024-06-04"));
      StepReport ebay = run.run(o, new EbayTable(o));
      rates.add(rate("ebay", storeBytes + stockBytes, ebay));
      // The files must hold what the counters say (a lost-rows bug once hid behind correct counters):
      // Iceberg's totals add up each data file's own record count.
      try (LakeCatalog c = LakeCatalog.open(Lake.catalog(fresh))) {
        long ebayBytes = bytes(c.table(StockTables.EBAY));
        rates.add(String.format("rows in the tables' data files: store %d, supplier_stock %d, ebay %d (ebay rows written %d)",
            records(c.table(StockTables.STORE)), records(c.table(StockTables.SUPPLIER_STOCK)),
            records(c.table(StockTables.EBAY)), ebay.written));
        rates.add(String.format("ebay wrote %s MB of Parquet (%.1f MB/s)", mb(ebayBytes),
            ebayBytes / 1e6 / (ebay.wallMillis / 1000.0)));
      }
      run.print(System.out, rates.toArray(new String[0]));
    }
    return 0;
  }

  private static long bytes(Table table) {
    return TableTotals.bytes(table);
  }

  private static long records(Table table) {
    return TableTotals.records(table);
  }

  private static String rate(String step, long bytes, StepReport r) {
    return String.format("%-28s read %8s MB in %6.1f s = %7.1f MB/s", step, mb(bytes), r.wallMillis / 1000.0,
        bytes / 1e6 / (r.wallMillis / 1000.0));
  }

  private static String mb(long bytes) {
    return String.format("%.1f", bytes / 1e6);
  }
}
