package io.tributary.pipelines.trips;

import static io.tributary.pipelines.trips.TripsTestData.options;
import static io.tributary.pipelines.trips.TripsTestData.run;
import static io.tributary.pipelines.trips.TripsTestData.trip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.core.step.StepReport;
import io.tributary.testing.LakeTableRows;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trips fed the way issue 9 broke them: impossible dates, broken quoting, invalid UTF-8, a column
 * too many, a header in another order. Every bad row is one dead letter with its reason and
 * original text; good rows around it are kept; rows read = written + dead.
 */
class TripsHostileInputTest {
  @TempDir Path dir;

  private static final String GOOD = trip("Turin", 7.6, 45.0, 7.7, 45.1, "2018-05-01 08:00:00", "funny_car");

  private StepReport ingest(Path file, String runId) {
    TripsOptions o = options(dir.resolve("lake"), runId);
    o.setSource(file.toString());
    return run(new IngestTrips(o), o);
  }

  private Map<Long, JsonNode> deadByLine() throws Exception {
    return LakeTableRows.deadLetters(dir.resolve("lake"), "trips.dead_letters").stream()
        .collect(Collectors.toMap(n -> n.get("line").asLong(), n -> n, (a, b) -> a, TreeMap::new));
  }

  @Test
  void badRowsAreDeadLetteredOneEachAndTheRestKept() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String text = TripParser.HEADER + "\n"
        + GOOD + "\n"                                                                       // 2
        + trip("Turin", 7.6, 45.0, 7.7, 45.1, "0000-01-01 00:00:00", "funny_car") + "\n"    // 3
        + trip("Turin", 7.6, 45.0, 7.7, 45.1, "0001-01-01 00:00:00", "funny_car") + "\n"    // 4
        + trip("Turin", 7.6, 45.0, 7.7, 45.1, "+10000-01-01 00:00:00", "funny_car") + "\n"  // 5
        + GOOD + ",extra\n"                                                                 // 6
        + "\"Tu\nrin\",POINT (7.6 45.0),POINT (7.7 45.1),2018-05-01 08:00:00,funny_car\n"  // 7-8: newline in quotes
        + "Turin,POINT (7.6 45.0),\"POINT (7.7 45.1)\"x,2018-05-01 08:00:00,funny_car\n";    // 9: text after quote
    bytes.write(text.getBytes(StandardCharsets.UTF_8));
    bytes.write("Tur\u00efn".getBytes(StandardCharsets.ISO_8859_1));                         // 10: Latin-1 ï
    bytes.write(",POINT (7.6 45.0),POINT (7.7 45.1),2018-05-01 08:00:00,funny_car\n".getBytes(StandardCharsets.UTF_8));
    bytes.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));                             // 11
    Path file = dir.resolve("in.csv");
    Files.write(file, bytes.toByteArray());

    StepReport report = ingest(file, "hostile");

    Map<Long, JsonNode> dead = deadByLine();
    assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 9L, 10L), List.copyOf(dead.keySet()));
    assertEquals("datetime 0000-01-01T00:00 is outside the valid range 1970-01-01..2100-12-31",
        dead.get(3L).get("reason").asText());
    assertTrue(dead.get(4L).get("reason").asText().contains("outside the valid range"));
    assertTrue(dead.get(5L).get("reason").asText().contains("+10000-01-01T00:00 is outside the valid range"));
    assertEquals("expected 5 columns (" + TripParser.HEADER + "), got 6",
        dead.get(6L).get("reason").asText());
    assertTrue(dead.get(7L).get("reason").asText().startsWith("region holds a control character"));
    assertEquals("\"Tu\nrin\",POINT (7.6 45.0),POINT (7.7 45.1),2018-05-01 08:00:00,funny_car",
        dead.get(7L).get("original").asText());
    assertTrue(dead.get(9L).get("reason").asText().contains("text after the closing quote"));
    assertTrue(dead.get(10L).get("reason").asText().startsWith("invalid UTF-8 on line 10"));
    assertEquals("Tur\\xEFn,POINT (7.6 45.0),POINT (7.7 45.1),2018-05-01 08:00:00,funny_car",
        dead.get(10L).get("original").asText());
    assertEquals(9, report.read);
    assertEquals(2, report.written);
    assertEquals(7, report.deadLettered);
    assertEquals(2, LakeTableRows.read(dir.resolve("lake"), "trips.raw_trips").size());
  }

  @Test
  void aStrayQuoteCostsOneRowNotTheRestOfTheFile() throws Exception {
    StringBuilder text = new StringBuilder(TripParser.HEADER + "\n");
    for (int i = 0; i < 50; i++) {
      text.append(i == 20 ? "\"Turin,POINT (7.6 45.0),POINT (7.7 45.1),2018-05-01 08:00:00,funny_car" : GOOD).append('\n');
    }
    Path file = dir.resolve("stray.csv");
    Files.writeString(file, text);

    StepReport report = ingest(file, "stray");

    assertEquals(50, report.read);
    assertEquals(49, report.written);
    JsonNode dead = deadByLine().get(22L);
    assertTrue(dead.get("reason").asText().contains("quoted field opened on line 22 is not closed"), dead.toString());
  }

  @Test
  void aHeaderInAnotherOrderIsMappedByName() throws Exception {
    Path file = dir.resolve("reordered.csv");
    Files.writeString(file, "datasource,datetime,region,destination_coord,origin_coord\n"
        + "funny_car,2018-05-01 08:00:00,Turin,POINT (7.7 45.1),POINT (7.6 45.0)\n");
    Path canonical = TripsTestData.csv(dir.resolve("c"), "canonical.csv", GOOD);

    assertEquals(1, ingest(file, "reordered").written);
    assertEquals(0, ingest(canonical, "canonical").deadLettered);
    List<Map<String, String>> raw = LakeTableRows.read(dir.resolve("lake"), "trips.raw_trips");
    assertEquals(2, raw.size());
    assertEquals(raw.get(0).get("origin_lon") + raw.get(0).get("dest_lat") + raw.get(0).get("region"),
        raw.get(1).get("origin_lon") + raw.get(1).get("dest_lat") + raw.get(1).get("region"));
  }

  @Test
  void aHeaderNamingOnlySomeColumnsFailsTheRunNamingThem() throws Exception {
    Path file = dir.resolve("partial.csv");
    Files.writeString(file, "region,origin,destination,datetime,datasource\n" + GOOD + "\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ingest(file, "partial"));
    assertTrue(e.getMessage().contains("lacks column(s) origin_coord, destination_coord"), e.getMessage());
    assertTrue(e.getMessage().contains("header: region,origin,destination,datetime,datasource"), e.getMessage());
  }

  @Test
  void aFileWithoutAHeaderIsReadInTheCanonicalOrder() throws Exception {
    Path file = dir.resolve("bare.csv");
    Files.writeString(file, GOOD + "\n" + GOOD + "\n");
    StepReport report = ingest(file, "bare");
    assertEquals(2, report.read);
    assertEquals(2, report.written);
  }
}
