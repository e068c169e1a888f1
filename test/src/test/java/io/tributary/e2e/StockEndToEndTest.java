package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.tributary.runners.Main;
import io.tributary.pipelines.stock.StockHistory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every stock step through the CLI, once on a local folder and once with inputs and lake on s3://
 * (S3Proxy): load-product, load-store, the three-day feed history, ebay, a rerun, rollback and prune,
 * each posting its notification to a webhook served by this test. Both lakes must hold the
 * hand-worked eBay table of {@link StockHistory}, read back with {@code tributary table export}
 * through a catalog of the test's own (the S3Proxy store is gone after the test, so must be its entries).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StockEndToEndTest {
  static final String BUCKET = "stock";

  S3ProxyServer s3;
  HttpServer webhook;
  final List<JsonNode> notifications = Collections.synchronizedList(new ArrayList<>());
  @TempDir Path dir;

  @BeforeAll
  void start() throws Exception {
    s3 = new S3ProxyServer(BUCKET);
    webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    webhook.createContext("/hooks/stock", exchange -> {
      notifications.add(new ObjectMapper().readTree(exchange.getRequestBody().readAllBytes()));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    webhook.start();
  }

  @AfterAll
  void stop() throws Exception {
    webhook.stop(0);
    s3.close();
  }

  /** Runs a stock command on the lake of {@code mode}; asserts it succeeded. */
  private void stock(String mode, String... args) {
    List<String> all = new ArrayList<>(List.of("stock"));
    all.addAll(List.of(args));
    all.addAll(List.of("--runner=direct", "--config-dir=../config",
        "--webhook-url=http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/stock"));
    cli(mode, all);
  }

  private void cli(String mode, List<String> args) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--lake=" + lake(mode), "--catalog-uri=jdbc:h2:file:" + dir.resolve("catalog-" + mode).toAbsolutePath()
        + "/iceberg;DATABASE_TO_LOWER=TRUE"));
    if (mode.equals("s3")) {
      all.addAll(s3.beamFlags());
    }
    assertEquals(0, Main.execute(all.toArray(new String[0])), String.join(" ", all));
  }

  /** A table's rows as CSV lines (header first, then sorted), exported through the catalog. */
  private List<String> table(String mode, String table, String... where) throws Exception {
    Path out = Files.createTempDirectory(dir, "export");
    List<String> args = new ArrayList<>(List.of("table", "export", table, "--to=" + out, "--format=csv"));
    if (where.length > 0) {
      args.add("--where=" + String.join(" and ", where));
    }
    cli(mode, args);
    List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve(table.substring(table.indexOf('.') + 1) + ".csv")));
    List<String> data = new ArrayList<>(lines.subList(1, lines.size()));
    data.sort(null);
    data.add(0, lines.get(0));
    return data;
  }

  private String lake(String mode) {
    return mode.equals("s3") ? "s3://" + BUCKET + "/lake" : dir.resolve("local-lake").toString();
  }

  /** Where an input file is for the run: the local file, or its copy on S3. */
  private String input(String mode, Path inputs, Path file) throws Exception {
    if (!mode.equals("s3")) {
      return file.toString();
    }
    String key = "in/" + inputs.relativize(file).toString().replace('\\', '/');
    s3.put(BUCKET, key, file);
    return "s3://" + BUCKET + "/" + key;
  }

  /** The lake as local files (downloaded from S3 in s3 mode), fresh each call. */
  private Path localLake(String mode) throws Exception {
    if (!mode.equals("s3")) {
      return dir.resolve("local-lake");
    }
    Path copy = Files.createTempDirectory(dir, "s3-lake");
    s3.download(BUCKET, "lake/", copy);
    return copy;
  }

  /** The eBay table as {@link StockHistory} writes it: item_id custom_label supplier ebay_store quantity delta day. */
  private List<String> ebayRows(String mode) throws Exception {
    List<String> rows = new ArrayList<>();
    List<String> csv = table(mode, "stock.ebay");
    assertEquals("item_id,custom_label,supplier,ebay_store,quantity,quantity_delta,updated_date", csv.get(0));
    csv.subList(1, csv.size()).forEach(l -> rows.add(l.replace(',', ' ')));
    rows.sort(null);
    return rows;
  }

  private static List<String> sortedData(Path csv) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
    lines.remove(0);
    lines.sort(null);
    return lines;
  }

  @ParameterizedTest
  @ValueSource(strings = {"local", "s3"})
  void everyStepRunsOnTheLakeAndNotifies(String mode) throws Exception {
    notifications.clear();
    Path inputs = dir.resolve("in-" + mode);
    StockHistory.writeTables(inputs);
    List<Path> feeds = StockHistory.writeFeeds(inputs);

    stock(mode, "load-product", "--source=" + input(mode, inputs, inputs.resolve("product.csv")));
    stock(mode, "load-store", "--source=" + input(mode, inputs, inputs.resolve("store.csv")));
    for (Path feed : feeds) {
      stock(mode, "feed", input(mode, inputs, feed));
    }
    stock(mode, "ebay", "--date=2024-06-03");
    stock(mode, "feed", input(mode, inputs, feeds.get(2))); // rerun of BET 2024-06-03

    Path lake = localLake(mode);
    assertEquals(StockHistory.EBAY_2024_06_03, ebayRows(mode));
    assertEquals(StockHistory.REVISE_AUTO_2024_06_03, sortedData(lake.resolve("exports/ebay/ebay_store=AUTO/revise.csv")));
    assertEquals(StockHistory.REVISE_RTG_2024_06_03, sortedData(lake.resolve("exports/ebay/ebay_store=RTG/revise.csv")));
    List<String> stock = table(mode, "stock.supplier_stock");
    assertEquals(1 + 3 + 2 + 2 + 3, stock.size(), "the rerun replaced BET's 06-03: " + stock);
    assertEquals(2, table(mode, "stock.supplier_stock", "supplier = BET", "updated_date = 2024-06-03").size() - 1);

    // The day before replaces the table; rollback (through `table`) brings 06-03 back.
    stock(mode, "ebay", "--date=2024-06-02");
    assertEquals(4, ebayRows(mode).size());
    cli(mode, List.of("table", "rollback", "stock.ebay"));
    assertEquals(StockHistory.EBAY_2024_06_03, ebayRows(mode));

    // Keep one day before 2024-06-03: only BET's 06-01 goes.
    stock(mode, "prune", "--older-than=1d", "--date=2024-06-03");
    List<String> days = new ArrayList<>();
    List<String> left = table(mode, "stock.supplier_stock");
    for (String line : left.subList(1, left.size())) {
      days.add(line.substring(line.lastIndexOf(',') + 1));
    }
    assertEquals(List.of("2024-06-02", "2024-06-02", "2024-06-03", "2024-06-03", "2024-06-03", "2024-06-03",
        "2024-06-03"), days.stream().sorted().collect(Collectors.toList()));
    lake = localLake(mode);
    try (Stream<Path> staging = Files.walk(lake)) {
      assertEquals(List.of(), staging.filter(p -> p.toString().contains("_staging")).collect(Collectors.toList()),
          "no staging left behind");
    }

    // One notification per command; the feed's names its partition and counts.
    // load-product, load-store, 4 feeds, ebay, the rerun feed, ebay, prune (rollback is a table command)
    assertEquals(10, notifications.size(), notifications.toString());
    JsonNode firstFeed = notifications.get(2);
    assertEquals("feed", firstFeed.get("step").asText());
    assertEquals("stock.supplier_stock", firstFeed.get("table").asText());
    assertEquals("supplier=BET/updated_date_day=2024-06-01", firstFeed.get("partitions").get(0).asText());
    assertEquals(4, firstFeed.get("rows_read").asLong());
    assertEquals(3, firstFeed.get("rows_written").asLong());
    assertEquals(1, firstFeed.get("rows_dead_lettered").asLong());
    assertEquals("stock.ebay", notifications.get(6).get("table").asText());
    assertEquals(List.of("ebay_store=AUTO", "ebay_store=RTG"), List.of(notifications.get(6).get("partitions").get(0).asText(),
        notifications.get(6).get("partitions").get(1).asText()));
    assertEquals("prune", notifications.get(9).get("step").asText());
    assertEquals("supplier=BET/updated_date_day=2024-06-01", notifications.get(9).get("partitions").get(0).asText());
  }
}
