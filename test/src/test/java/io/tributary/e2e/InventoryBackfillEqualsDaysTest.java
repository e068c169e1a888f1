package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.runners.Main;
import io.tributary.testing.LakeTableRows;
import io.tributary.tools.InventoryGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill promise on a generated marketplace: {@code inventory run --from --to} over
 * 30 days in one run writes exactly what 30 {@code inventory run --date} runs write, table by table
 * and row by row (about 40 listings a day, windows 1 and 7, broken rows, duplicate VINs, sold and
 * relisted listings from the generator). Small on purpose: each single-day run is three pipelines.
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
    assertEquals(0, run(dir.resolve("backfill"), "--from=" + first, "--to=" + LAST, "--input=" + input));
    for (LocalDate day = first; !day.isAfter(LAST); day = day.plusDays(1)) {
      assertEquals(0, run(dir.resolve("singles"), "--date=" + day, "--input=" + input), day.toString());
    }
    for (String table : List.of("inventory.active_listings", "inventory.listing_activity", "inventory.inventory_groups")) {
      long days = LakeTableRows.read(dir.resolve("backfill"), table).stream().map(r -> r.get("date")).distinct().count();
      assertEquals(DAYS, days, table + " has rows on every day of the backfill");
      assertEquals(LakeTableRows.lines(dir.resolve("backfill"), table), LakeTableRows.lines(dir.resolve("singles"), table),
          table);
    }
  }

  private static int run(Path lake, String... args) throws Exception {
    List<String> all = new java.util.ArrayList<>(List.of("inventory", "run", "--windows=1,7", "--group-window-days=7",
        "--runner=direct", "--lake=" + lake, "--config-dir=../config"));
    all.addAll(List.of(args));
    return Main.execute(all.toArray(new String[0]));
  }
}
