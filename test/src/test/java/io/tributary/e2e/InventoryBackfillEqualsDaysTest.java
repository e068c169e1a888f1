package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.runners.Main;
import io.tributary.testing.LakeTableRows;
import io.tributary.tools.InventoryGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill promise on a generated marketplace: {@code inventory run --from --to} over
 * 30 days in one run writes exactly what 30 {@code inventory run --date} runs write, table by table
 * and row by row (about 40 listings a day, windows 1 and 7, broken rows, duplicate VINs, sold and
 * relisted listings from the generator). Small on purpose: each single-day run is three pipelines.
 * The runs go two at a time (CI has two cores; a DirectRunner run of this size waits as much as it
 * computes), each on a lake no other run is writing: the backfill on its own, the single days on two
 * lakes taken in turn. A single-day run reads only its own day's rows of the lake, so which lake
 * holds a day does not change what it writes; the two lakes' rows together are compared.
 *
 * <p>The DirectRunner's immutability check is off here: it walks the whole pipeline graph for every
 * bundle, and the DirectRunner makes a bundle of every key a GroupByKey outputs, which made it a
 * fifth of this test's time (a JFR profile of one single-day activity run); the same transforms
 * run with the check in the world, cross-runner and unit tests.
 */
class InventoryBackfillEqualsDaysTest {
  static final LocalDate LAST = LocalDate.parse("2024-06-30");
  static final int DAYS = 30;

  @TempDir Path dir;

  @Test
  void aThirtyDayBackfillEqualsThirtySingleDays() throws Exception {
    Path input = dir.resolve("in");
    InventoryGenerator.write(input, 40, DAYS, LAST, 14, 5);
    LocalDate first = LAST.minusDays(DAYS - 1L);
    BlockingQueue<Path> singles = new LinkedBlockingQueue<>(List.of(dir.resolve("singles-a"), dir.resolve("singles-b")));
    List<Callable<String>> runs = new ArrayList<>();
    runs.add(() -> run(dir.resolve("backfill"), "--from=" + first, "--to=" + LAST, "--input=" + input) == 0 ? "" : "backfill");
    for (LocalDate day = first; !day.isAfter(LAST); day = day.plusDays(1)) {
      LocalDate d = day;
      runs.add(() -> {
        Path lake = singles.take();
        try {
          return run(lake, "--date=" + d, "--input=" + input) == 0 ? "" : d.toString();
        } finally {
          singles.put(lake);
        }
      });
    }
    ExecutorService two = Executors.newFixedThreadPool(2);
    List<String> failed = new ArrayList<>();
    try {
      for (Future<String> f : two.invokeAll(runs)) {
        if (!f.get().isEmpty()) {
          failed.add(f.get());
        }
      }
    } finally {
      two.shutdownNow();
    }
    assertEquals(List.of(), failed, "runs that did not exit 0");
    for (String table : List.of("inventory.active_listings", "inventory.listing_activity", "inventory.inventory_groups")) {
      long days = LakeTableRows.read(dir.resolve("backfill"), table).stream().map(r -> r.get("date")).distinct().count();
      assertEquals(DAYS, days, table + " has rows on every day of the backfill");
      List<String> single = new ArrayList<>(LakeTableRows.lines(dir.resolve("singles-a"), table));
      single.addAll(LakeTableRows.lines(dir.resolve("singles-b"), table));
      Collections.sort(single);
      assertEquals(LakeTableRows.lines(dir.resolve("backfill"), table), single, table);
    }
  }

  private static int run(Path lake, String... args) throws Exception {
    List<String> all = new java.util.ArrayList<>(List.of("inventory", "run", "--windows=1,7", "--group-window-days=7",
        "--runner=direct", "--enforceImmutability=false", "--lake=" + lake, "--config-dir=../config"));
    all.addAll(List.of(args));
    return Main.execute(all.toArray(new String[0]));
  }
}
