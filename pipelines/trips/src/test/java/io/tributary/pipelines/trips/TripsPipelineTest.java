package io.tributary.pipelines.trips;

import static io.tributary.pipelines.trips.TripsTestData.csv;
import static io.tributary.pipelines.trips.TripsTestData.options;
import static io.tributary.pipelines.trips.TripsTestData.run;
import static io.tributary.pipelines.trips.TripsTestData.trip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import io.tributary.testing.LakeTableRows;
import io.tributary.transforms.kmeans.CentroidModel;
import io.tributary.transforms.kmeans.SaveModels;
import io.tributary.transforms.jdbc.JdbcUrls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TripsPipelineTest {
  @TempDir Path dir;

  private Path lake() {
    return dir.resolve("lake");
  }

  @Test
  void everyMalformedKindIsDeadLetteredAndCounted() throws Exception {
    Path file = csv(dir, "in.csv",
        trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-01 08:00:00", "funny_car"),   // line 2
        "Turin,POINT (7.6 abc),POINT (7.7 45.1),2018-05-01 08:00:00,funny_car",   // line 3: bad POINT
        trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-01 25:00:00", "funny_car"),   // line 4: bad datetime
        "Turin,,POINT (7.7 45.1),2018-05-01 08:00:00,funny_car",                  // line 5: missing field
        "Turin,POINT (7.6 45.0),POINT (7.7 45.1),2018-05-01 08:00:00",            // line 6: 4 columns
        trip("Prague", 14.4, 50.0, 14.5, 50.1, "2018-05-02 09:00:00", "cheap_mobile")); // line 7
    TripsOptions o = options(lake(), "run1");
    o.setSource(file.toString());

    StepReport report = run(new IngestTrips(o), o);

    assertEquals(6, report.read);
    assertEquals(2, report.written);
    assertEquals(4, report.deadLettered);
    assertEquals(report.read, report.written + report.deadLettered);
    assertEquals(2, LakeTableRows.read(lake(), "trips.raw_trips").size());
    List<JsonNode> dead = LakeTableRows.deadLetters(lake(), "trips.dead_letters");
    assertEquals(4, dead.size());
    Map<Long, JsonNode> byLine = dead.stream().collect(Collectors.toMap(n -> n.get("line").asLong(), n -> n));
    assertEquals(List.of(3L, 4L, 5L, 6L), byLine.keySet().stream().sorted().collect(Collectors.toList()));
    assertTrue(byLine.get(3L).get("reason").asText().startsWith("bad origin_coord"));
    assertTrue(byLine.get(4L).get("reason").asText().startsWith("bad datetime"));
    assertEquals("missing origin_coord", byLine.get(5L).get("reason").asText());
    assertTrue(byLine.get(6L).get("reason").asText().startsWith("expected 5 columns"));
    assertEquals("Turin,,POINT (7.7 45.1),2018-05-01 08:00:00,funny_car", byLine.get(5L).get("original").asText());
    assertTrue(byLine.get(5L).get("source").asText().endsWith("in.csv"));
    assertEquals("ingest", byLine.get(5L).get("step").asText());
  }

  @Test
  void reingestingTheSameFileDoesNotDuplicateCuratedTrips() throws Exception {
    Path file = csv(dir, "in.csv",
        trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-01 08:00:00", "funny_car"),
        trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-01 08:00:00", "baba_car"),
        trip("Prague", 14.4, 50.0, 14.5, 50.1, "2018-05-02 09:00:00", "cheap_mobile"));
    TripsOptions first = options(lake(), "first");
    first.setSource(file.toString());
    run(new IngestTrips(first, 1_000_000L), first);
    TripsOptions second = options(lake(), "second");
    second.setSource(file.toString());
    run(new IngestTrips(second, 2_000_000L), second);
    TripsOptions t = options(lake(), "t1");

    StepReport report = run(new TransformTrips(t), t);

    assertEquals(6, report.read);
    assertEquals(3, report.written);
    List<Map<String, String>> curated = LakeTableRows.read(lake(), "trips.curated_trips");
    assertEquals(3, curated.size());
    curated.forEach(r -> assertEquals("first", r.get("ingestion_id")));
    // Partitioned by region and day of the trip: the files sit in those partitions.
    try (Stream<Path> files = Files.walk(lake().resolve("warehouse/trips/curated_trips/data"))) {
      List<String> partitions = files.filter(p -> p.toString().endsWith(".parquet"))
          .map(p -> lake().resolve("warehouse/trips/curated_trips/data").relativize(p.getParent()).toString())
          .sorted().distinct().collect(Collectors.toList());
      assertEquals(List.of("region=Prague/datetime_day=2018-05-02", "region=Turin/datetime_day=2018-05-01"), partitions);
    }
  }

  @Test
  void aFailedTransformLeavesThePreviousCuratedDataReadable() throws Exception {
    Path file = csv(dir, "in.csv", trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-01 08:00:00", "funny_car"));
    TripsOptions o = options(lake(), "ok");
    o.setSource(file.toString());
    run(new IngestTrips(o), o);
    run(new TransformTrips(o), o);
    List<String> before = LakeTableRows.lines(lake(), "trips.curated_trips");
    assertEquals(1, before.size());
    // A raw data file corrupted on disk makes the next transform fail half-way.
    try (Stream<Path> files = Files.walk(lake().resolve("warehouse/trips/raw_trips/data"))) {
      Path rawFile = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.writeString(rawFile, "not parquet");
    }
    TripsOptions broken = options(lake(), "broken");

    assertThrows(StepExecutor.StepFailed.class, () -> run(new TransformTrips(broken), broken));

    assertEquals(before, LakeTableRows.lines(lake(), "trips.curated_trips"));
    assertEquals(List.of(), LakeTableRows.unreferencedFiles(lake(), "trips.curated_trips"), "nothing of the failed run left");
  }

  @Test
  void routesGroupSimilarTripsAndWrapAroundMidnight() throws Exception {
    // Same origin and destination everywhere: only time of day differs. Around midnight (23:58,
    // 23:59, 00:01) versus around noon (12:00, 12:01, 12:02): with k = 2 the midnight trips must share
    // a route, which they would not if time were encoded as a plain number of seconds.
    Path file = csv(dir, "in.csv",
        trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-01 23:58:00", "a"),
        trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-01 23:59:00", "a"),
        trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-02 00:01:00", "a"),
        trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-02 12:00:00", "a"),
        trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-02 12:01:00", "a"),
        trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-02 12:02:00", "a"),
        trip("Tiny", 1.0, 1.0, 2.0, 2.0, "2018-05-03 08:00:00", "a"),
        trip("Tiny", 3.0, 3.0, 4.0, 4.0, "2018-05-03 09:00:00", "a"));
    TripsOptions o = options(lake(), "r1");
    o.setSource(file.toString());
    o.setRoutesK(2);
    run(new IngestTrips(o), o);
    run(new TransformTrips(o), o);

    StepReport report = run(new RouteTrips(o), o);

    assertEquals(8, report.written);
    Map<String, String> routeByTime = new java.util.TreeMap<>();
    List<Map<String, String>> routed = LakeTableRows.read(lake(), "trips.trip_routes");
    routed.stream().filter(r -> r.get("region").equals("Turin"))
        .forEach(r -> routeByTime.put(r.get("datetime"), r.get("route")));
    List<String> routes = new ArrayList<>(routeByTime.values()); // ordered by time: 3 midnight, then 3 noon
    assertEquals(routes.get(0), routes.get(1));
    assertEquals(routes.get(0), routes.get(2));
    assertEquals(routes.get(3), routes.get(4));
    assertEquals(routes.get(3), routes.get(5));
    assertNotEquals(routes.get(0), routes.get(3));
    // Tiny has 2 trips and k = 2: one route per trip, numbered 0 and 1.
    assertEquals(List.of("0", "1"), routed.stream().filter(r -> r.get("region").equals("Tiny"))
        .map(r -> r.get("route")).sorted().collect(Collectors.toList()));
    CentroidModel model = SaveModels.load(
        SaveModels.path(lake().resolve("models/trips_routes").toString(), "region", "Turin"));
    assertEquals(2, model.k());
    assertEquals(42, model.seed);
    assertEquals(6, model.trainingPoints);
    assertEquals(Trips.ROUTE_FEATURES, model.featureNames);
    assertTrue(model.version.startsWith("r1 "));
  }

  @Test
  void weeklyAveragesMatchTheHandWorkedReport() throws Exception {
    Path file = csv(dir, "in.csv",
        trip("Alpha", 1.0, 1.0, 2.0, 2.0, "2018-05-01 08:00:00", "a"),  // box 1
        trip("Alpha", 1.0, 1.0, 3.0, 3.0, "2018-05-02 08:00:00", "a"),  // destination outside box 1
        trip("Alpha", 0.0, 0.0, 2.0, 2.0, "2018-05-03 09:00:00", "a"),  // both ends on box 1's edges
        trip("Alpha", 1.5, 1.5, 1.2, 1.8, "2018-05-15 10:00:00", "a"),  // box 1
        trip("Beta", 50.0, 50.0, 51.0, 51.0, "2018-05-29 18:00:00", "a"));
    TripsOptions o = options(lake(), "rep");
    o.setSource(file.toString());
    o.setBoundingBoxes("1:0,0,2,2;2:100,100,101,101");
    run(new IngestTrips(o), o);
    run(new TransformTrips(o), o);
    run(new RouteTrips(o), o);

    run(new ReportTrips(o), o);

    // First trip week: Mon 2018-04-30; last: Mon 2018-05-28 -> 5 ISO weeks.
    // Alpha 4/5, Beta 1/5; box 1 has trips 1, 3 and 4 -> 3/5; box 2 none -> 0.
    // Alpha has 4 distinct trips < k = 5: one route each (0..3), 1/5 each; Beta one route.
    List<String> expected = new ArrayList<>(List.of(
        "region_weekly_average|Alpha|||4|5|0.8",
        "region_weekly_average|Beta|||1|5|0.2",
        "bounding_box_weekly_average|||1|3|5|0.6",
        "bounding_box_weekly_average|||2|0|5|0.0",
        "region_route_weekly_average|Alpha|0||1|5|0.2",
        "region_route_weekly_average|Alpha|1||1|5|0.2",
        "region_route_weekly_average|Alpha|2||1|5|0.2",
        "region_route_weekly_average|Alpha|3||1|5|0.2",
        "region_route_weekly_average|Beta|0||1|5|0.2"));
    expected.sort(null);
    List<String> fromJdbc = new ArrayList<>();
    try (Connection c = JdbcUrls.connect(o.getJdbcUrl()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT report, region, route, bbox_id, trips, weeks, weekly_average FROM report_weekly_average")) {
      while (rs.next()) {
        fromJdbc.add(rs.getString(1) + "|" + nz(rs.getString(2)) + "|" + nz(rs.getString(3)) + "|" + nz(rs.getString(4))
            + "|" + rs.getLong(5) + "|" + rs.getLong(6) + "|" + rs.getDouble(7));
      }
    }
    fromJdbc.sort(null);
    assertEquals(expected, fromJdbc);
    List<String> fromParquet = LakeTableRows.read(lake(), "trips.weekly_average").stream()
        .map(r -> r.get("report") + "|" + nz(r.get("region")) + "|" + nz(r.get("route")) + "|" + nz(r.get("bbox_id"))
            + "|" + r.get("trips") + "|" + r.get("weeks") + "|" + r.get("weekly_average"))
        .sorted().collect(Collectors.toList());
    assertEquals(expected, fromParquet);

    // A rerun replaces the report: same rows, no duplicates.
    TripsOptions again = options(lake(), "rep2");
    again.setBoundingBoxes("1:0,0,2,2;2:100,100,101,101");
    run(new ReportTrips(again), again);
    try (Connection c = JdbcUrls.connect(o.getJdbcUrl()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM report_weekly_average")) {
      rs.next();
      assertEquals(9, rs.getLong(1));
    }
    assertEquals(9, LakeTableRows.read(lake(), "trips.weekly_average").size());
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  @Test
  void stepsExplainWhatIsMissing() {
    TripsOptions o = options(lake(), "x");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(new TransformTrips(o), o));
    assertTrue(e.getMessage().contains("run `tributary trips ingest"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> run(new IngestTrips(o), o));
    assertFalse(Files.exists(lake().resolve("warehouse/trips/curated_trips")));
  }
}
