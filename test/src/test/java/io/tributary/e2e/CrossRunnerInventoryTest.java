package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tributary.runners.Main;
import io.tributary.testing.LakeTableRows;
import io.tributary.tools.InventoryGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inventory pipeline through the CLI on Direct, Spark and Flink over the same generated
 * marketplace (about 400 active listings, a 3-day backfill with windows 1 and 7, broken rows and
 * duplicate VINs included): every table and the dead letters must be identical. The windows reach
 * back 16 days of impressions and leads, enough files to be parsed where they are read, while the 3 vehicle days
 * are spread first (InventoryFiles.FILES_THAT_SHARE_THE_WORK): both read paths on every runner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossRunnerInventoryTest {
  static final List<String> RUNNERS = List.of("direct", "spark", "flink");
  Path dir;

  @BeforeAll
  void runAllRunners(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    Path input = dir.resolve("in");
    InventoryGenerator.write(input, 400, 3, LocalDate.parse("2024-06-30"), 14, 11);
    for (String runner : RUNNERS) {
      assertEquals(0, Main.execute("inventory", "run", "--from=2024-06-28", "--to=2024-06-30", "--windows=1,7",
          "--group-window-days=7", "--input=" + input, "--runner=" + runner, "--lake=" + lake(runner),
          "--config-dir=../config"), runner);
    }
  }

  private Path lake(String runner) {
    return dir.resolve("lake-" + runner);
  }

  @Test
  void tablesAndDeadLettersAreIdenticalOnAllRunners() throws Exception {
    for (String table : List.of("inventory.active_listings", "inventory.listing_activity", "inventory.inventory_groups")) {
      List<String> direct = LakeTableRows.lines(lake("direct"), table);
      assertFalse(direct.isEmpty(), table);
      for (String runner : List.of("spark", "flink")) {
        assertEquals(direct, LakeTableRows.lines(lake(runner), table), table + " on " + runner);
      }
    }
    List<String> dead = deadLetters("direct");
    assertFalse(dead.isEmpty(), "the generator's broken rows and repeated VINs are dead letters");
    for (String runner : List.of("spark", "flink")) {
      assertEquals(dead, deadLetters(runner), "dead letters on " + runner);
    }
  }

  private List<String> deadLetters(String runner) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Map<String, String> r : LakeTableRows.read(lake(runner), "inventory.dead_letters")) {
      lines.add(r.get("step") + " " + r.get("source").replaceAll(".*/in/", "") + " " + r.get("original") + " " + r.get("reason"));
    }
    lines.sort(null);
    return lines;
  }
}
