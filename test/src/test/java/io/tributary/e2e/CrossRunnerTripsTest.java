package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.tools.TripsGenerator;
import io.tributary.runners.Main;
import io.tributary.testing.LakeTableRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `tributary trips run` through the CLI on the Direct, Spark (local) and Flink (local) runners over the
 * same input: the curated trips, routes and report must be identical, row for row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossRunnerTripsTest {
  static final long ROWS = 3000;

  Path dir;
  Path input;

  @BeforeAll
  void runAllRunners(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    input = dir.resolve("in");
    Files.createDirectories(input);
    TripsGenerator.Summary generated = TripsGenerator.write(input.resolve("generated.csv"), ROWS, 7, 28);
    assertTrue(generated.malformed > 0 && generated.duplicates > 0, "the input must exercise dedup and dead letters");
    Files.copy(Path.of("..", "samples", "trips.csv"), input.resolve("sample.csv"));
    for (String runner : List.of("direct", "spark", "flink")) {
      int code = Main.execute("trips", "run", "--runner=" + runner, "--lake=" + lake(runner),
          "--source=" + input + "/*.csv", "--config-dir=../config", "--env=local", "--k=4");
      assertEquals(0, code, runner + " run failed");
    }
  }

  private Path lake(String runner) {
    return dir.resolve("lake-" + runner);
  }

  /** The table's rows, without ingestion_id: each run has its own id, everything else must match. */
  private List<String> rows(String runner, String table) throws Exception {
    return LakeTableRows.read(lake(runner), table).stream()
        .peek(r -> assertTrue(r.remove("ingestion_id") == null || table.contains("curated") || table.contains("routes")))
        .map(Object::toString).sorted().collect(Collectors.toList());
  }

  private void assertSameOnAllRunners(String table) throws Exception {
    List<String> direct = rows("direct", table);
    assertTrue(direct.size() > 0, table + " is empty");
    assertEquals(direct, rows("spark", table), table + ": spark differs from direct");
    assertEquals(direct, rows("flink", table), table + ": flink differs from direct");
  }

  @Test
  void curatedTripsAreIdentical() throws Exception {
    assertSameOnAllRunners("trips.curated_trips");
  }

  @Test
  void routesAreIdentical() throws Exception {
    assertSameOnAllRunners("trips.trip_routes");
  }

  @Test
  void reportsAreIdentical() throws Exception {
    assertSameOnAllRunners("trips.weekly_average");
  }

  @Test
  void everyInputRowIsCuratedADuplicateOrDeadLettered() throws Exception {
    long inputRows = 0;
    try (Stream<Path> files = Files.list(input)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        inputRows += Files.readAllLines(f).size() - 1;
      }
    }
    for (String runner : List.of("direct", "spark", "flink")) {
      long raw = LakeTableRows.read(lake(runner), "trips.raw_trips").size();
      long dead = LakeTableRows.read(lake(runner), "trips.dead_letters").size();
      assertEquals(inputRows, raw + dead, runner + ": input rows != raw + dead-lettered");
      long curated = LakeTableRows.read(lake(runner), "trips.curated_trips").size();
      long distinct = LakeTableRows.read(lake(runner), "trips.raw_trips").stream()
          .map(r -> List.of(r.get("region"), r.get("origin_lon"), r.get("origin_lat"), r.get("dest_lon"),
              r.get("dest_lat"), r.get("datetime"), r.get("datasource")))
          .distinct().count();
      assertEquals(distinct, curated, runner + ": curated rows != distinct raw trips");
    }
  }
}
