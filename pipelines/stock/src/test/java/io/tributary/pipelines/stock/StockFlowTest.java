package io.tributary.pipelines.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily flow on the DirectRunner over a local lake, against the three-day history worked by hand
 * in {@link StockHistory}.
 */
class StockFlowTest {
  @TempDir Path dir;

  static final String[] EBAY_FIELDS = {"item_id", "custom_label", "supplier", "ebay_store", "quantity",
      "quantity_delta", "updated_date"};

  /** Loads product and store, then every feed of the history; returns the fixtures. */
  static StockFixtures loaded(StockFixtures f) throws Exception {
    f.run(LoadProduct::new, "r01", "--source=" + f.productCsv());
    f.run(LoadStore::new, "r02", "--source=" + f.storeCsv());
    int n = 3;
    for (Path feed : f.threeDayFeeds()) {
      f.run(StockFeed::new, String.format("r%02d", n++), "--source=" + feed);
    }
    return f;
  }

  static Map<String, String> where(String... kv) {
    Map<String, String> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void threeDayHistoryGivesTheHandWorkedEbayTableAndReviseFiles() throws Exception {
    StockFixtures f = loaded(new StockFixtures(dir));
    StepReport report = f.run(EbayTable::new, "r10", "--date=2024-06-03");

    assertEquals(StockHistory.EBAY_2024_06_03, f.rows("stock.ebay", EBAY_FIELDS));
    assertEquals(3, f.rows("stock.ebay", where("ebay_store", "AUTO"), "item_id").size());
    assertEquals(7, report.written);
    // RTG-1 did not change (delta 0): no revise line for it.
    List<String> auto = f.csv("exports/ebay/ebay_store=AUTO/revise.csv");
    assertEquals(StockHistory.REVISE_HEADER, auto.get(0));
    assertEquals(StockHistory.REVISE_AUTO_2024_06_03, auto.subList(1, auto.size()));
    List<String> rtg = f.csv("exports/ebay/ebay_store=RTG/revise.csv");
    assertEquals(StockHistory.REVISE_RTG_2024_06_03, rtg.subList(1, rtg.size()));
    assertTrue(f.table("stock.ebay").currentSnapshot().summary().get("tributary.exports").endsWith("/exports/ebay"),
        "the export is listed in the snapshot that goes with it");

    // The day before: L1 unchanged (5, delta 0), L3 only has day 1 (0, first snapshot).
    f.run(EbayTable::new, "r11", "--date=2024-06-02");
    assertEquals(List.of(
        "110000000001 L1 BET AUTO 5 0 2024-06-02",
        "110000000002 L1 BET RTG 5 0 2024-06-02",
        "110000000003 L2 BET AUTO 4 -6 2024-06-02",
        "110000000004 L3 BET AUTO 0 0 2024-06-01"), f.rows("stock.ebay", EBAY_FIELDS));
    assertEquals(List.of("Action,ItemID,SiteID,Currency,Quantity,Store", "Revise,110000000003,UK,GBP,4,AUTO"),
        f.csv("exports/ebay/ebay_store=AUTO/revise.csv"));
    assertFalse(Files.exists(f.lake.resolve("exports/ebay/ebay_store=RTG")), "nothing to revise in RTG on 06-02");

    // Rollback restores the 06-03 table.
    f.rollback("stock.ebay");
    assertEquals(StockHistory.EBAY_2024_06_03, f.rows("stock.ebay", EBAY_FIELDS));
  }

  @Test
  void feedsWriteTheDayPartitionsAndTheirDeadLetters() throws Exception {
    StockFixtures f = loaded(new StockFixtures(dir));
    assertEquals(List.of("L1 P1 BET 5 2024-06-01", "L2 P2 BET 10 2024-06-01", "L3 P3 BET 0 2024-06-01"),
        f.rows("stock.supplier_stock", where("supplier", "BET", "updated_date", "2024-06-01"),
            "custom_label", "part_number", "supplier", "quantity", "updated_date"));
    assertEquals(List.of("RTG-1 RTG-1 0", "RTG-2 RTG-2 20", "rtg-3 rtg-3 20"),
        f.rows("stock.supplier_stock", where("supplier", "RTG", "updated_date", "2024-06-03"),
            "custom_label", "part_number", "quantity"));
    // Four feeds, four snapshots, one partition each (the seed's add_partition is the commit itself).
    List<String> partitions = new java.util.ArrayList<>();
    for (org.apache.iceberg.Snapshot s : f.table("stock.supplier_stock").snapshots()) {
      partitions.add(s.summary().get("tributary.run-id") + " " + s.summary().get("changed-partition-count"));
    }
    assertEquals(List.of("r03 1", "r04 1", "r05 1", "r06 1"), partitions);

    List<Map<String, String>> bet = f.deadLetters("feed", "day=01/BET_");
    assertEquals(1, bet.size(), bet.toString());
    assertTrue(bet.get(0).get("reason").contains("no product of supplier BET"), bet.toString());
    assertTrue(bet.get(0).get("original").contains("P9"));
    assertEquals("5", bet.get(0).get("line"), "spreadsheet row of P9: header 1, P1 2, P2 3, P3 4");
    List<Map<String, String>> rtg = f.deadLetters("feed", "RTG_");
    assertEquals(1, rtg.size(), rtg.toString());
    assertTrue(rtg.get(0).get("reason").contains("RTG-9"));

    List<Map<String, String>> store = f.deadLetters("load-store", "");
    assertEquals(1, store.size(), store.toString());
    assertTrue(store.get(0).get("reason").contains("scientific notation"), store.toString());
  }

  @Test
  void rerunningAFeedReplacesItsDayAndAFeedMatchingNothingIsRefused() throws Exception {
    StockFixtures f = loaded(new StockFixtures(dir));
    Map<String, String> day3 = where("supplier", "BET", "updated_date", "2024-06-03");
    List<String> before = f.rows("stock.supplier_stock", day3, "custom_label", "quantity");
    assertEquals(List.of("L1 7", "L3 2"), before);

    f.run(StockFeed::new, "r20", "--source=" + f.feedPath("BET", "2024-06-03"));
    assertEquals(before, f.rows("stock.supplier_stock", day3, "custom_label", "quantity"), "rerun replaces, never duplicates");
    assertEquals(10, f.rows("stock.supplier_stock", "quantity").size(), "3 + 2 + 2 BET rows and 3 RTG rows, once each");

    // A corrected feed for the same day replaces it.
    Path corrected = f.betFeed("2024-06-03", new Object[] {"P1", 8});
    f.run(StockFeed::new, "r21", "--source=" + corrected);
    assertEquals(List.of("L1 8"), f.rows("stock.supplier_stock", day3, "custom_label", "quantity"));

    // Nothing in this feed is a BET product: refused, the day keeps its rows, the rejects say why.
    Path wrong = f.betFeed("2024-06-03", new Object[] {"X1", 1}, new Object[] {"X2", 2});
    StepExecutor.StepFailed failed = assertThrows(StepExecutor.StepFailed.class,
        () -> f.run(StockFeed::new, "r22", "--source=" + wrong));
    assertTrue(failed.getMessage().contains("no row of") && failed.getMessage().contains("stock.dead_letters"),
        failed.getMessage());
    assertEquals(List.of("L1 8"), f.rows("stock.supplier_stock", day3, "custom_label", "quantity"));
    assertEquals(2, f.rows("stock.dead_letters", where("step", "feed"), "original").stream()
        .filter(o -> o.contains("X1") || o.contains("X2")).count());

    // Rolling supplier_stock back undoes the corrected run (r21): the r20 rows return.
    f.rollback("stock.supplier_stock");
    assertEquals(before, f.rows("stock.supplier_stock", day3, "custom_label", "quantity"));
  }

  @Test
  void unknownSupplierIsAClearErrorNamingTheConfigFile() throws Exception {
    StockFixtures f = new StockFixtures(dir);
    Path feed = io.tributary.testing.XlsxFiles.write(f.feedPath("XYZ", "2024-06-01"), new Object[] {"Code"});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StockFeed(f.options("r1", "--source=" + feed)));
    assertTrue(e.getMessage().contains("XYZ") && e.getMessage().contains("suppliers.yaml"), e.getMessage());
  }
}
