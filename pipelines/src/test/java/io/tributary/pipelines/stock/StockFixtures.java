package io.tributary.pipelines.stock;

import io.tributary.pipelines.StepExecutor;
import io.tributary.pipelines.StepReport;
import io.tributary.testing.ParquetFiles;
import io.tributary.testing.XlsxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * The hand-built stock world of the tests: four BET products, a store of seven listings over three
 * eBay stores, and the BET and RTG feeds of a three-day history. Expected outputs are worked by hand
 * in the tests next to their assertions.
 */
final class StockFixtures {
  static final String PRODUCT_CSV = String.join("\n",
      "custom_label,part_number,supplier",
      "L1,P1,BET",
      "L2,P2,BET",
      "L3,P3,BET",
      "LA1,A1,APE") + "\n";

  /** Columns deliberately not in schema order: the loader finds them by name. */
  static final String STORE_CSV = String.join("\n",
      "ebay_store,supplier,item_id,custom_label,title,current_price,prefix,uk_rtg,fps_wds_dir,payment_profile_name,"
          + "shipping_profile_name,return_profile_name",
      "AUTO,BET,110000000001,L1,Brake pads,19.99,bet,UK,WDS,PayPal,Standard,30 days",
      "RTG,BET,110000000002,L1,\"Brake pads, RTG\",21.50,bet,UK,WDS,PayPal,Standard,30 days",
      "AUTO,BET,110000000003,L2,Oil filter,5.00,,,,,,",
      "AUTO,BET,110000000004,L3,Wiper blade,7.25,,,,,,",
      "RTG,RTG,110000000101,RTG-1,Lamp,3.00,,,,,,",
      "RTG,RTG,110000000102,RTG-2,Lamp,3.00,,,,,,",
      "RTG,RTG,110000000103,rtg-3,Lamp,3.00,,,,,,",
      "AUTO,BET,1.23457E+11,L1,Shown by a spreadsheet,1,,,,,,") + "\n";

  final Path root;
  final Path lake;
  final String lakeUri;

  StockFixtures(Path root) {
    this(root, root.resolve("lake").toString());
  }

  /** A lake elsewhere (s3://bucket/prefix) with the inputs under {@code root}. */
  StockFixtures(Path root, String lakeUri) {
    this.root = root;
    this.lake = root.resolve("lake");
    this.lakeUri = lakeUri;
  }

  Path productCsv() throws Exception {
    return write("in/product.csv", PRODUCT_CSV);
  }

  Path storeCsv() throws Exception {
    return write("in/store.csv", STORE_CSV);
  }

  Path write(String name, String text) throws Exception {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  /** BET's feed of a day in the seed's key layout: code in column 1, stock in column 2. */
  Path betFeed(String day, Object[]... rows) throws Exception {
    Object[][] all = new Object[rows.length + 1][];
    all[0] = new Object[] {"Code", "Stock"};
    System.arraycopy(rows, 0, all, 1, rows.length);
    return XlsxFiles.write(feedPath("BET", day), all);
  }

  Path feedPath(String supplier, String day) {
    String[] ymd = day.split("-");
    return root.resolve("stock_feed/year=" + ymd[0] + "/month=" + ymd[1] + "/day=" + ymd[2] + "/" + supplier + "_"
        + day.replace("-", "") + ".xlsx");
  }

  /** Day 1 to 3 for BET, and RTG's out-of-stock list on day 3. */
  List<Path> threeDayFeeds() throws Exception {
    List<Path> feeds = new ArrayList<>();
    feeds.add(betFeed("2024-06-01", new Object[] {"P1", 5}, new Object[] {"P2", 12}, new Object[] {"P3", "n/a"},
        new Object[] {"P9", 3}));
    feeds.add(betFeed("2024-06-02", new Object[] {"P1", 5}, new Object[] {"P2", 4}));
    feeds.add(betFeed("2024-06-03", new Object[] {"P1", 7}, new Object[] {"P3", 2}));
    feeds.add(XlsxFiles.write(feedPath("RTG", "2024-06-03"), new Object[] {"Code"}, new Object[] {" rtg-1 "},
        new Object[] {"RTG-9"}));
    return feeds;
  }

  StockOptions options(String runId, String... extra) {
    List<String> args = new ArrayList<>(List.of("--runner=DirectRunner", "--lake=" + lakeUri, "--runId=" + runId,
        "--suppliersConfig=" + Paths.get("..", "config", "suppliers.yaml")));
    args.addAll(List.of(extra));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(StockOptions.class);
  }

  StepReport run(Function<StockOptions, StockStep> step, String runId, String... extra) {
    StockOptions o = options(runId, extra);
    return new StepExecutor(o, System.err).run(step.apply(o));
  }

  /** A table's rows as sorted "field=value" lines of the given fields (dates as yyyy-MM-dd). */
  List<String> rows(String relative, String... fields) throws Exception {
    List<String> out = new ArrayList<>();
    for (Map<String, String> r : ParquetFiles.read(lake.resolve(relative))) {
      List<String> values = new ArrayList<>();
      for (String f : fields) {
        String v = r.get(f);
        if (f.equals("updated_date") && v != null && v.matches("\\d+")) {
          v = java.time.LocalDate.ofEpochDay(Long.parseLong(v)).toString();
        }
        values.add(v);
      }
      out.add(String.join(" ", values));
    }
    return out.stream().sorted().collect(Collectors.toList());
  }

  /** The data lines of a CSV, sorted, after its header. */
  List<String> csv(String relative) throws Exception {
    List<String> lines = Files.readAllLines(lake.resolve(relative));
    List<String> sorted = new ArrayList<>(lines.subList(1, lines.size()));
    sorted.sort(null);
    sorted.add(0, lines.get(0));
    return sorted;
  }
}
