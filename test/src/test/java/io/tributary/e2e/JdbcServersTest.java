package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import io.tributary.pipelines.trips.IngestTrips;
import io.tributary.pipelines.trips.ReportTrips;
import io.tributary.pipelines.trips.RouteTrips;
import io.tributary.pipelines.trips.TransformTrips;
import io.tributary.pipelines.trips.BoundingBox;
import io.tributary.pipelines.trips.TripsDatabase;
import io.tributary.pipelines.trips.TripsOptions;
import io.tributary.pipelines.trips.TripsSql;
import io.tributary.transforms.jdbc.JdbcUrls;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JDBC source, the report sink and the shipped SQL against real servers: embedded H2 and the
 * MariaDB and PostgreSQL servers on 127.0.0.1. A server that cannot be reached fails the test: CI
 * must exercise all three, never skip one.
 */
class JdbcServersTest {
  static final Path SAMPLE = Path.of("..", "samples", "trips.csv");

  @TempDir Path lake;

  private String url(String db) {
    switch (db) {
      case "h2":
        return "jdbc:h2:file:" + lake.toAbsolutePath() + "/h2/e2e";
      case "mariadb":
        return "jdbc:mariadb://127.0.0.1:3306/test?user=root";
      case "postgresql":
        return "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
      default:
        throw new IllegalArgumentException(db);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "mariadb", "postgresql"})
  void sampleFromTheTripsTableToTheReportTable(String db) throws Exception {
    String url = url(db);
    // Boxes loaded into the bounding_boxes table: the report reads them back from there.
    List<BoundingBox> boxes = List.of(new BoundingBox(1, 7.60, 45.00, 7.75, 45.12), new BoundingBox(9, 0, 0, 0.01, 0.01));
    TripsDatabase.LoadResult loaded = TripsDatabase.load(url, SAMPLE, boxes, false, System.err);
    assertEquals(100, loaded.loaded);

    TripsOptions o = PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--lake=" + lake, "--jdbcUrl=" + url,
        "--runId=e2e-" + db, "--source=jdbc:trips", "--jdbcPartitions=3", "--boundingBoxSource=jdbc").as(TripsOptions.class);
    StepExecutor steps = new StepExecutor(o, System.err);
    StepReport ingest = steps.run(new IngestTrips(o));
    assertEquals(100, ingest.read);
    assertEquals(100, ingest.written);
    steps.run(new TransformTrips(o));
    steps.run(new RouteTrips(o));
    steps.run(new ReportTrips(o));

    // Expected from the trips table itself, with SQL: trips per region, over the sample's 5 ISO weeks
    // (2018-05-01 is in the week of Mon 04-30, 2018-05-31 in the week of Mon 05-28).
    Map<String, String> expected = new TreeMap<>();
    Map<String, String> actual = new TreeMap<>();
    long inBox1;
    try (Connection c = JdbcUrls.connect(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT region, COUNT(*) FROM trips GROUP BY region")) {
        while (rs.next()) {
          expected.put(rs.getString(1), rs.getLong(2) + "/5=" + rs.getLong(2) / 5.0);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT region, trips, weeks, weekly_average FROM report_weekly_average"
          + " WHERE report = 'region_weekly_average'")) {
        while (rs.next()) {
          actual.put(rs.getString(1), rs.getLong(2) + "/" + rs.getLong(3) + "=" + rs.getDouble(4));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT trips FROM report_weekly_average WHERE bbox_id = 1")) {
        rs.next();
        inBox1 = rs.getLong(1);
      }
      try (ResultSet rs = s.executeQuery("SELECT trips FROM report_weekly_average WHERE bbox_id = 9")) {
        rs.next();
        assertEquals(0, rs.getLong(1));
      }
    }
    assertEquals(Map.of("Hamburg", "28/5=5.6", "Prague", "34/5=6.8", "Turin", "38/5=7.6"), expected);
    assertEquals(expected, actual);
    assertEquals(countInBox(SAMPLE, boxes.get(0)), inBox1);

    List<List<String>> latest = TripsSql.run(url, "latest_datasource_top2_regions.sql", new ArrayList<>());
    assertEquals("pt_search_app", latest.get(0).get(0));
    List<String> cheap = new ArrayList<>();
    TripsSql.run(url, "cheap_mobile_regions.sql", new ArrayList<>()).forEach(r -> cheap.add(r.get(0)));
    assertEquals(List.of("Hamburg", "Prague", "Turin"), cheap);
  }

  /** Trips of the CSV with both ends in the box, counted straight from the text. */
  private static long countInBox(Path csv, BoundingBox box) throws Exception {
    long n = 0;
    for (String line : java.nio.file.Files.readAllLines(csv).subList(1, 101)) {
      String[] f = line.split(",");
      String[] o = f[1].replace("POINT (", "").replace(")", "").split(" ");
      String[] d = f[2].replace("POINT (", "").replace(")", "").split(" ");
      if (box.contains(Double.parseDouble(o[0]), Double.parseDouble(o[1]))
          && box.contains(Double.parseDouble(d[0]), Double.parseDouble(d[1]))) {
        n++;
      }
    }
    return n;
  }

  /** The invoices sample loaded into typed tables (its one malformed row cannot be: a quantity of 'x'). */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "mariadb", "postgresql"})
  void invoicesFromTheFourTablesToTheSnapshotTables(String db) throws Exception {
    String url = url(db);
    io.tributary.tools.InvoicesSnapshot sample =
        io.tributary.tools.InvoicesSnapshot.read(Path.of("..", "samples", "invoices"));
    try (Connection c = JdbcUrls.connect(url); Statement s = c.createStatement()) {
      for (io.tributary.pipelines.invoices.InvoiceTable t : io.tributary.pipelines.invoices.InvoiceTable.values()) {
        s.execute("DROP TABLE IF EXISTS " + t.table);
        List<org.apache.beam.sdk.values.Row> rows = new ArrayList<>();
        for (List<String> values : sample.tables.get(t).values()) {
          try {
            rows.add(t.parse(values));
          } catch (io.tributary.transforms.deadletter.RowRejected e) {
            // the sample's deliberately malformed row: no typed column holds it
          }
        }
        io.tributary.transforms.jdbc.JdbcTables.replace(c, t.table, t.schema, rows);
      }
      s.execute("DROP TABLE IF EXISTS invoices_late_payment");
    }
    io.tributary.pipelines.invoices.InvoicesOptions o = PipelineOptionsFactory.fromArgs("--runner=DirectRunner",
        "--lake=" + lake.resolve("invoices-" + db), "--jdbcUrl=" + url, "--source=jdbc", "--asOf=2024-06-30",
        "--sinkJdbc=true", "--runId=" + db).as(io.tributary.pipelines.invoices.InvoicesOptions.class);
    StepReport report = new StepExecutor(o, System.err).run(new io.tributary.pipelines.invoices.RunInvoices(o));
    assertEquals(3, report.deadLettered, "unknown account 9, invoice 108 and sku 9-99-999999-9");

    // Hand-worked in samples/invoices/README.md.
    List<String> rows = new ArrayList<>();
    try (Connection c = JdbcUrls.connect(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT account_id, joining_date, company_address, total_invoices, "
            + "total_late_invoices, total_days_since_issue, late_amount FROM invoices_late_payment ORDER BY account_id")) {
      while (rs.next()) {
        rows.add(rs.getLong(1) + "|" + rs.getDate(2).toLocalDate() + "|" + rs.getString(3) + "|" + rs.getLong(4)
            + "|" + rs.getLong(5) + "|" + rs.getLong(6) + "|" + rs.getDouble(7));
      }
    }
    assertEquals(List.of("1|2018-11-06|12 High Street Unit 4 Leeds|3|1|61|29.0",
        "2|2019-01-15|7 Mill Road, York|1|1|167|40.95",
        "3|2020-02-01|1 Station Road Hull|1|0|29|0.0",
        "4|2021-03-03|9 Church Lane, Bath|0|0|0|0.0"), rows);
  }
}
