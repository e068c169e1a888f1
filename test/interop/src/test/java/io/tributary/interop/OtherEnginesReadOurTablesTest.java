package io.tributary.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trips tables, written by `tributary` (the distribution, in its own JVM), read by engines a
 * user already has: Spark SQL with Iceberg's Spark runtime through the same JDBC catalog (counts,
 * sums and a `TIMESTAMP AS OF` query), and DuckDB over `tributary table export` (plain Parquet).
 * Expected values come from the sample's own text, not from our reader.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtherEnginesReadOurTablesTest {
  static final Path HOME = Path.of("..", "..").toAbsolutePath().normalize();
  static final Path SAMPLE = HOME.resolve("samples/trips.csv");

  Path dir;
  Path lake;
  Instant betweenIngests;
  SparkSession spark;
  String catalogUri;

  private String tributary(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", HOME.resolve("runners/target/dist/lib") + "/*", "io.tributary.runners.Main"));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "cli", ".log");
    Process p = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    int code = p.waitFor();
    String out = Files.readString(log);
    assertEquals(0, code, String.join(" ", args) + ":\n" + out);
    return out;
  }

  @BeforeAll
  void writeTheTables(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    lake = dir.resolve("lake");
    tributary("trips", "ingest", "--runner=direct", "--lake=" + lake, "--source=" + SAMPLE);
    Thread.sleep(1100);
    betweenIngests = Instant.now();
    Thread.sleep(1100);
    tributary("trips", "run", "--runner=direct", "--lake=" + lake, "--source=" + SAMPLE);

    String warehouse = lake.resolve("warehouse").toString();
    catalogUri = "jdbc:h2:file:" + lake.resolve("catalog") + "/iceberg;DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE";
    spark = SparkSession.builder().master("local[1]").appName("interop")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
        // Spark's catalog has the name our JDBC catalog rows carry.
        .config("spark.sql.catalog.tributary", "org.apache.iceberg.spark.SparkCatalog")
        .config("spark.sql.catalog.tributary.catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
        .config("spark.sql.catalog.tributary.uri", catalogUri)
        .config("spark.sql.catalog.tributary.jdbc.schema-version", "V1")
        .config("spark.sql.catalog.tributary.warehouse", warehouse)
        .getOrCreate();
  }

  @AfterAll
  void stop() throws Exception {
    if (spark != null) {
      spark.stop();
    }
    // Spark's Iceberg catalog keeps its H2 connection pool (and so the database, its lock file and
    // its AUTO_SERVER listener) open after spark.stop(); H2 then rewrites files in the catalog folder
    // while JUnit deletes the temp directory (CI: "DirectoryNotEmptyException ... lake"). Close it.
    try (Connection c = DriverManager.getConnection(catalogUri);
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
  }

  /** Trips per region, counted from the sample CSV's text. */
  private static Map<String, Long> sampleRegions() throws Exception {
    Map<String, Long> regions = new TreeMap<>();
    for (String line : Files.readAllLines(SAMPLE).subList(1, 101)) {
      regions.merge(line.substring(0, line.indexOf(',')), 1L, Long::sum);
    }
    return regions;
  }

  @Test
  void sparkSqlReadsTheTablesThroughTheSameCatalog() throws Exception {
    Map<String, Long> expected = sampleRegions();
    assertEquals(Map.of("Hamburg", 28L, "Prague", 34L, "Turin", 38L), expected);

    Map<String, Long> curated = new TreeMap<>();
    for (Row r : spark.sql("SELECT region, count(*) FROM tributary.trips.curated_trips GROUP BY region").collectAsList()) {
      curated.put(r.getString(0), r.getLong(1));
    }
    assertEquals(expected, curated, "one curated row per distinct sample trip");

    Map<String, String> report = new TreeMap<>();
    for (Row r : spark.sql("SELECT region, trips, weeks, weekly_average FROM tributary.trips.weekly_average"
        + " WHERE report = 'region_weekly_average'").collectAsList()) {
      report.put(r.getString(0), r.getLong(1) + "/" + r.getLong(2) + "=" + r.getDouble(3));
    }
    assertEquals(Map.of("Hamburg", "28/5=5.6", "Prague", "34/5=6.8", "Turin", "38/5=7.6"), report);

    // Two ingests of the sample: 200 raw rows now, 100 as of the time between them.
    assertEquals(200L, spark.sql("SELECT count(*) FROM tributary.trips.raw_trips").first().getLong(0));
    assertEquals(100L, spark.sql("SELECT count(*) FROM tributary.trips.raw_trips TIMESTAMP AS OF '"
        + betweenIngests + "'").first().getLong(0));
  }

  @Test
  void duckDbReadsTheExport() throws Exception {
    Path out = dir.resolve("export");
    tributary("table", "export", "trips.curated_trips", "--to=" + out, "--format=parquet", "--lake=" + lake);
    Path duck = HOME.resolve("runners/bench/duckdb");
    if (!Files.isDirectory(duck.resolve("node_modules/@duckdb/node-api"))) {
      Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(duck.toFile())
          .redirectErrorStream(true).start();
      String log = new String(install.getInputStream().readAllBytes());
      assertEquals(0, install.waitFor(), "npm ci in runners/bench/duckdb:\n" + log);
    }
    Process p = new ProcessBuilder("node", "query.mjs",
        "SELECT region, count(*) AS n FROM read_parquet('" + out.resolve("curated_trips") + "/**/*.parquet',"
            + " hive_partitioning = true) GROUP BY region ORDER BY region")
        .directory(duck.toFile()).redirectErrorStream(true).start();
    String result = new String(p.getInputStream().readAllBytes()).trim();
    assertEquals(0, p.waitFor(), result);
    assertEquals("Hamburg|28\nPrague|34\nTurin|38", result);
  }
}
