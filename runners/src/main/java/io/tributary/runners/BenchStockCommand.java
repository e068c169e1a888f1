package io.tributary.runners;

import io.tributary.pipelines.StepExecutor;
import io.tributary.pipelines.StepReport;
import io.tributary.pipelines.stock.EbayTable;
import io.tributary.pipelines.stock.LoadProduct;
import io.tributary.pipelines.stock.LoadStore;
import io.tributary.pipelines.stock.StockFeed;
import io.tributary.pipelines.stock.StockGenerator;
import io.tributary.pipelines.stock.StockLake;
import io.tributary.pipelines.stock.StockOptions;
import io.tributary.pipelines.stock.SupplierRules;
import io.tributary.transforms.lake.LakeFiles;
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
import picocli.CommandLine.Option;

/**
 * {@code tributary bench stock}: a store of {@code --listings} rows and one supplier's feed of
 * {@code --parts} rows per day, through {@code feed} (two days) and {@code ebay}, on the chosen runner.
 * The store is generated and loaded once into {@code <work>/stock-base-*} (reused by later runs and
 * other runners: the weekly load is not what is measured) and copied into a fresh lake per run.
 * Prints, per step, the bytes of lake and input files the step reads and MB/s over its wall time.
 */
@Command(name = "stock", mixinStandardHelpOptions = true,
    description = "Store of --listings rows, feeds of --parts rows: feed x2 and ebay on a fresh copy of the lake; MB/s per step.")
final class BenchStockCommand extends StockCommand.Base implements Callable<Integer> {
  @Option(names = "--listings", defaultValue = "19000000", description = "Store rows (default ${DEFAULT-VALUE}, about 1 GB of Parquet)")
  long listings;

  @Option(names = "--parts", defaultValue = "200000", description = "Products of the supplier = rows per feed (default ${DEFAULT-VALUE})")
  int parts;

  @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--work", defaultValue = "bench-work", description = "Scratch folder (default ${DEFAULT-VALUE})")
  Path work;

  @Override
  public Integer call() throws Exception {
    Path data = work.resolve("stock-" + listings + "-" + parts + "-" + seed);
    if (!Files.exists(data.resolve("store.csv"))) {
      long start = System.currentTimeMillis();
      StockGenerator.Counts c = StockGenerator.write(data, SupplierRules.load(Path.of(suppliersConfig())), List.of("BET"),
          parts, listings, 2, LocalDate.parse("2024-06-03"), seed);
      System.err.printf("generated %s: %d listings, %d feed rows in %.1f s%n", data, c.listings, c.feedRows,
          (System.currentTimeMillis() - start) / 1000.0);
    }
    Path base = work.resolve("stock-base-" + listings + "-" + parts + "-" + seed);
    if (!Files.exists(base.resolve("store"))) {
      lake = base.toString();
      StockOptions load = stockOptions(Map.of("source", data.resolve("product.csv").toString()));
      StepExecutor executor = new StepExecutor(load, System.err);
      executor.run(new LoadProduct(load));
      load.setSource(data.resolve("store.csv").toString());
      load.setRunId(null);
      executor.run(new LoadStore(load));
    }
    Path lakeDir = work.resolve("lake-stock-" + runnerChoice().shortName());
    io.tributary.transforms.lake.LakeFiles.delete(lakeDir.toString());
    copyTree(base, lakeDir);
    lake = lakeDir.toString();
    StockLake stockLake = new StockLake(lakeDir.toString());
    long storeBytes = LakeFiles.size(stockLake.files(StockLake.STORE));
    long productBytes = LakeFiles.size(stockLake.files(StockLake.PRODUCT));

    RunSummary summary = new RunSummary("bench stock --listings=" + listings + " --parts=" + parts + " on "
        + runnerChoice().shortName() + " (" + Runtime.getRuntime().availableProcessors() + " cores, max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB; store " + mb(storeBytes) + " MB Parquet)");
    List<String> rates = new ArrayList<>();
    List<Path> feeds;
    try (Stream<Path> walk = Files.walk(data.resolve("stock_feed"))) {
      feeds = walk.filter(p -> p.toString().endsWith(".xlsx")).sorted().collect(Collectors.toList());
    }
    for (Path feed : feeds) {
      StockOptions o = stockOptions(Map.of("source", feed.toString()));
      StepReport r = new StepExecutor(o, System.err).run(new StockFeed(o));
      summary.add(r);
      rates.add(rate("feed " + feed.getFileName(), Files.size(feed) + productBytes, r));
    }
    long stockBytes = LakeFiles.size(stockLake.files(StockLake.SUPPLIER_STOCK));
    StockOptions o = stockOptions(Map.of("date", "2024-06-04"));
    StepReport ebay = new StepExecutor(o, System.err).run(new EbayTable(o));
    summary.add(ebay);
    long ebayBytes = LakeFiles.size(stockLake.files(StockLake.EBAY));
    rates.add(rate("ebay", storeBytes + stockBytes, ebay));
    summary.print(System.out);
    rates.forEach(System.out::println);
    // The files must hold what the counters say (a lost-rows bug once hid behind correct counters).
    System.out.printf("rows in Parquet files: store %d, supplier_stock %d, ebay %d (ebay rows written %d)%n",
        parquetRows(lakeDir.resolve("store")), parquetRows(lakeDir.resolve("supplier_stock")),
        parquetRows(lakeDir.resolve("ebay")), ebay.written);
    System.out.printf("ebay wrote %s MB of Parquet (%.1f MB/s)%n", mb(ebayBytes), ebayBytes / 1e6 / (ebay.wallMillis / 1000.0));
    return 0;
  }

  /** Rows of every Parquet file under {@code dir}, from the file footers. */
  static long parquetRows(Path dir) throws Exception {
    long rows = 0;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".parquet")).collect(Collectors.toList())) {
        try (org.apache.parquet.hadoop.ParquetFileReader reader = org.apache.parquet.hadoop.ParquetFileReader.open(
            org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(p.toUri()),
                new org.apache.hadoop.conf.Configuration()))) {
          rows += reader.getRecordCount();
        }
      }
    }
    return rows;
  }

  private static String rate(String step, long bytes, StepReport r) {
    return String.format("%-28s read %8s MB in %6.1f s = %7.1f MB/s", step, mb(bytes), r.wallMillis / 1000.0,
        bytes / 1e6 / (r.wallMillis / 1000.0));
  }

  private static String mb(long bytes) {
    return String.format("%.1f", bytes / 1e6);
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.collect(Collectors.toList())) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
