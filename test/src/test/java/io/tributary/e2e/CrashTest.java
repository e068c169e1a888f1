package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.runners.Main;
import io.tributary.testing.LakeTableRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in its own JVM, halted (as a kill would) after the workers wrote their files and before
 * the commit, and between the commits of a step's two tables: every table stays readable at a
 * committed snapshot, the next run says what it found and removes the orphaned files, and
 * `tributary table clean` removes them too.
 */
class CrashTest {
  @TempDir Path dir;

  private Path lake() {
    return dir.resolve("lake");
  }

  private String run(String haltProperty, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (haltProperty != null) {
      command.add("-D" + haltProperty + "=ingest");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "run", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int code = p.waitFor();
    return code + "\n" + Files.readString(log);
  }

  private String ingest(String haltProperty, String source, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("trips", "ingest", "--runner=direct", "--lake=" + lake(), "--source=" + source));
    args.addAll(List.of(extra));
    return run(haltProperty, args.toArray(new String[0]));
  }

  @Test
  void killedBeforeTheCommitTheTableKeepsItsSnapshotAndTheOrphansGo() throws Exception {
    String sample = Path.of("..", "samples", "trips.csv").toAbsolutePath().toString();
    assertTrue(ingest(null, sample).startsWith("0\n"));
    assertEquals(100, LakeTableRows.read(lake(), "trips.raw_trips").size());

    String killed = ingest("tributary.test.haltBeforeCommit", sample);
    assertTrue(killed.startsWith("137\n"), killed);
    assertEquals(100, LakeTableRows.read(lake(), "trips.raw_trips").size(), "the killed run is not visible");
    List<String> orphans = LakeTableRows.unreferencedFiles(lake(), "trips.raw_trips");
    assertFalse(orphans.isEmpty(), "its files are on disk, unreferenced");

    // The next run finds them; with no grace it removes them and says so in its summary.
    String next = ingest(null, sample, "--orphanGraceSeconds=0");
    assertTrue(next.startsWith("0\n"), next);
    assertTrue(next.contains("was killed before its commit: its " + orphans.size() + " uncommitted file(s) removed"), next);
    assertEquals(List.of(), LakeTableRows.unreferencedFiles(lake(), "trips.raw_trips"));
    assertEquals(200, LakeTableRows.read(lake(), "trips.raw_trips").size());

    // Killed again: this time `table clean` removes what it left.
    assertTrue(ingest("tributary.test.haltBeforeCommit", sample).startsWith("137\n"));
    List<String> left = LakeTableRows.unreferencedFiles(lake(), "trips.raw_trips");
    assertFalse(left.isEmpty());
    String clean = run(null, "table", "clean", "trips.raw_trips", "--grace=0s", "--lake=" + lake());
    // The data files and the killed run's list of them.
    assertTrue(clean.startsWith("0\n") && clean.contains("trips.raw_trips: " + (left.size() + 1) + " orphan file(s) deleted"),
        clean);
    assertEquals(List.of(), LakeTableRows.unreferencedFiles(lake(), "trips.raw_trips"));
    assertEquals(200, LakeTableRows.read(lake(), "trips.raw_trips").size());
  }

  @Test
  void killedBetweenTheCommitsOfTwoTablesEachTableIsAtACommittedSnapshot() throws Exception {
    Path input = dir.resolve("in.csv");
    Files.writeString(input, "region,origin_coord,destination_coord,datetime,datasource\n"
        + "Turin,POINT (7.6 45.0),POINT (7.7 45.1),2018-05-01 08:00:00,funny_car\n"
        + "Turin,POINT (7.6 bad),POINT (7.7 45.1),2018-05-01 08:00:00,funny_car\n");
    String killed = ingest("tributary.test.haltBetweenCommits", input.toString());
    assertTrue(killed.startsWith("137\n"), killed);
    // raw_trips committed first, then the JVM stopped: dead_letters never committed.
    assertEquals(1, LakeTableRows.read(lake(), "trips.raw_trips").size());
    assertEquals(0, LakeTableRows.read(lake(), "trips.dead_letters").size());

    String next = ingest(null, input.toString(), "--orphanGraceSeconds=0");
    assertTrue(next.contains("trips.dead_letters: run ") && next.contains("was killed before its commit"), next);
    assertEquals(2, LakeTableRows.read(lake(), "trips.raw_trips").size());
    assertEquals(1, LakeTableRows.read(lake(), "trips.dead_letters").size());
    assertEquals(List.of(), LakeTableRows.unreferencedFiles(lake(), "trips.dead_letters"));
  }
}
