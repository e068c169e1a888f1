package io.tributary.pipelines.trips;

import static io.tributary.pipelines.trips.TripsTestData.options;
import static io.tributary.pipelines.trips.TripsTestData.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.core.step.StepReport;
import io.tributary.transforms.jdbc.JdbcUrls;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC source and the shipped SQL on embedded H2 (MariaDB and PostgreSQL: see the test/ module). */
class TripsJdbcTest {
  static final Path SAMPLE = io.tributary.testing.Checkout.path("samples/trips.csv");

  @TempDir Path lake;

  @Test
  void ingestsTheTripsTableInParallelPartitionsWithDeadLetters() throws Exception {
    TripsOptions o = options(lake, "jdbc1");
    TripsDatabase.load(o.getJdbcUrl(), SAMPLE, List.of(), false, System.err);
    try (Connection c = JdbcUrls.connect(o.getJdbcUrl()); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO trips VALUES (1000, 'Turin', 'POINT (7.6 nope)', 'POINT (7.7 45.0)',"
          + " TIMESTAMP '2018-05-01 08:00:00', 'funny_car')");
      s.executeUpdate("INSERT INTO trips VALUES (1001, NULL, 'POINT (7.6 45.0)', 'POINT (7.7 45.0)',"
          + " TIMESTAMP '2018-05-01 08:00:00', 'funny_car')");
    }
    o.setSource("jdbc:trips");
    o.setJdbcPartitions(3);

    StepReport report = run(new IngestTrips(o), o);

    assertEquals(102, report.read);
    assertEquals(100, report.written);
    assertEquals(2, report.deadLettered);
    assertEquals(100, io.tributary.testing.LakeTableRows.read(lake, "trips.raw_trips").size());
  }

  @Test
  void shippedSqlAnswersTheSeedQuestionsOnTheSample() throws Exception {
    String url = options(lake, "sql").getJdbcUrl();
    TripsDatabase.LoadResult loaded = TripsDatabase.load(url, SAMPLE, List.of(), false, System.err);
    assertEquals(100, loaded.loaded);

    List<String> columns = new ArrayList<>();
    List<List<String>> latest = TripsSql.run(url, "latest_datasource_top2_regions.sql", columns);
    assertEquals(List.of("datasource", "region", "datetime"), columns);
    assertEquals("pt_search_app", latest.get(0).get(0));
    List<List<String>> cheap = TripsSql.run(url, "cheap_mobile_regions.sql", new ArrayList<>());
    assertEquals(List.of("Hamburg", "Prague", "Turin"), cheap.stream().map(r -> r.get(0)).collect(java.util.stream.Collectors.toList()));
  }
}
