package io.tributary.pipelines.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.catalog.CatalogConfig;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import io.tributary.testing.LakeTableRows;
import io.tributary.testing.XlsxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load-product, load-store (upsert and --replacePartition), snapshots, rollback and prune. */
class StockTablesTest {
  @TempDir Path dir;

  static final String HEADER = "item_id,custom_label,title,current_price,prefix,uk_rtg,fps_wds_dir,"
      + "payment_profile_name,shipping_profile_name,return_profile_name,supplier,ebay_store";

  static final Map<String, String> AUTO_BET = Map.of("ebay_store", "AUTO", "supplier", "BET");
  static final Map<String, String> CARSPARES_BET = Map.of("ebay_store", "CARSPARES", "supplier", "BET");

  @Test
  void storeLoadsUpsertByItemIdAndReplacePartitionDropsAbsentRows() throws Exception {
    StockFixtures f = new StockFixtures(dir);
    f.run(LoadStore::new, "r1", "--source=" + f.storeCsv());
    assertEquals(List.of("110000000001 19.99", "110000000003 5.0", "110000000004 7.25"),
        f.rows("stock.store", AUTO_BET, "item_id", "current_price"));

    // Week 2: item 3 re-priced and moved to CARSPARES, item 5 new; item 4 absent from the load.
    Path week2 = f.write("in/store2.csv", HEADER + "\n"
        + "110000000003,L2,Oil filter,6.50,,,,,,,BET,CARSPARES\n"
        + "110000000005,L3,Wiper blade rear,8.00,,,,,,,BET,AUTO\n"
        + "110000000006,L1,Twice,1.00,,,,,,,BET,AUTO\n"
        + "110000000006,L1,Twice again,2.00,,,,,,,BET,AUTO\n");
    StepReport week2Report = f.run(LoadStore::new, "r2", "--source=" + week2);
    assertEquals(List.of("110000000001 19.99", "110000000004 7.25", "110000000005 8.0"),
        f.rows("stock.store", AUTO_BET, "item_id", "current_price"), "3 moved out, 4 kept, 5 added, 6 (twice) rejected");
    assertEquals(4, week2Report.read);
    assertEquals(2, week2Report.written, "items 3 and 5 (4 and 1 were only carried over)");
    assertEquals(2, week2Report.deadLettered);
    List<Map<String, String>> twice = f.deadLetters("load-store", "");
    twice.removeIf(d -> !d.get("reason").contains("appears"));
    assertEquals(2, twice.size(), twice.toString());
    assertTrue(twice.get(0).get("reason").contains("item_id = '110000000006' appears 2 times"), twice.toString());
    assertEquals(List.of("110000000003 6.5"), f.rows("stock.store", CARSPARES_BET, "item_id", "current_price"));
    assertEquals(3, f.rows("stock.store", Map.of("ebay_store", "RTG", "supplier", "RTG"), "item_id").size(),
        "untouched partition");
    assertEquals(9 - 1 - 1 + 1, f.rows("stock.store", "item_id").size(), "8 listings: 7 + item 5 (the bad row never loaded)");
    org.apache.iceberg.Snapshot s = f.table("stock.store").currentSnapshot();
    assertEquals("2", s.summary().get("changed-partition-count"), "AUTO/BET rewritten, CARSPARES/BET added: " + s.summary());

    // Week 3 with --replacePartition: AUTO/BET becomes exactly the load (one row, from an xlsx).
    Path week3 = XlsxFiles.write(dir.resolve("in/store3.xlsx"),
        HEADER.split(","),
        new Object[] {"110000000001", "L1", "Brake pads", 18.5, null, null, null, null, null, null, "BET", "AUTO"});
    f.run(LoadStore::new, "r3", "--source=" + week3, "--replacePartition=true");
    assertEquals(List.of("110000000001 18.5"), f.rows("stock.store", AUTO_BET, "item_id", "current_price"));
    assertEquals(List.of("110000000003 6.5"), f.rows("stock.store", CARSPARES_BET, "item_id", "current_price"));

    // Each load is a snapshot: two rollbacks return week 1's AUTO/BET, and no CARSPARES.
    f.rollback("stock.store");
    assertEquals(List.of("110000000001 19.99", "110000000004 7.25", "110000000005 8.0"),
        f.rows("stock.store", AUTO_BET, "item_id", "current_price"));
    f.rollback("stock.store");
    assertEquals(List.of("110000000001 19.99", "110000000003 5.0", "110000000004 7.25"),
        f.rows("stock.store", AUTO_BET, "item_id", "current_price"));
    assertEquals(List.of(), f.rows("stock.store", CARSPARES_BET, "item_id"), "created by week 2, gone with its rollback");
  }

  @Test
  void productLoadOverwritesKeepsSnapshotsAndRefusesALoadWithNoValidRow() throws Exception {
    StockFixtures f = new StockFixtures(dir);
    f.run(LoadProduct::new, "20240601T000000Z-a", "--source=" + f.productCsv());
    assertEquals("1", f.table("stock.product").currentSnapshot().summary().get("total-data-files"));
    assertEquals(List.of(), LakeTableRows.unreferencedFiles(f.lake, "stock.product"), "no stray file beside the table's");
    Path xlsx = XlsxFiles.write(dir.resolve("in/product.xlsx"), new Object[] {"supplier", "part_number", "custom_label"},
        new Object[] {"BET", "P1", "L1-NEW"}, new Object[] {"BET", "P2", "L2"}, new Object[] {"BET", "P2", "L2-B"},
        new Object[] {"BET", "P3", "L3"}, new Object[] {"BET", "P3", "L3"}, new Object[] {"BET", null, "NO-PART"});
    f.run(LoadProduct::new, "20240701T000000Z-b", "--source=" + xlsx);
    assertEquals(List.of("L1-NEW P1 BET", "L2 P2 BET", "L2-B P2 BET"),
        f.rows("stock.product", "custom_label", "part_number", "supplier"),
        "P2 sold under two labels: a row each; P3's identical triple twice: both copies rejected; the empty part_number rejected");
    assertEquals(3, f.deadLetters("load-product", "").size());

    Path allBad = f.write("in/bad.csv", "custom_label,part_number,supplier\n,P1,BET\n");
    StepExecutor.StepFailed refused = assertThrows(StepExecutor.StepFailed.class,
        () -> f.run(LoadProduct::new, "20240702T000000Z-c", "--source=" + allBad));
    assertTrue(refused.getMessage().contains("no valid product row in " + allBad), refused.getMessage());
    assertEquals(List.of("L1-NEW P1 BET", "L2 P2 BET", "L2-B P2 BET"),
        f.rows("stock.product", "custom_label", "part_number", "supplier"), "left as it was");
    assertEquals(4, f.deadLetters("load-product", "").size(), "the refused load's reject is kept, to show why");
    try (java.util.stream.Stream<Path> files = Files.walk(f.lake.resolve("warehouse/stock/product/data"))) {
      assertEquals(2, files.filter(p -> p.toString().endsWith(".parquet")).count(),
          "the two committed loads' files; the refused run's was removed");
    }
    Path missingColumn = f.write("in/nolabel.csv", "part_number,supplier\nP1,BET\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.run(LoadProduct::new, "20240703T000000Z-d", "--source=" + missingColumn));
    assertTrue(e.getMessage().contains("custom_label"), e.getMessage());

    int snapshots = 0;
    for (org.apache.iceberg.Snapshot s : f.table("stock.product").snapshots()) {
      snapshots++;
    }
    assertEquals(2, snapshots);
    f.rollback("stock.product");
    assertEquals(4, f.rows("stock.product", "custom_label").size(), "back to the first load");
  }

  @Test
  void pruneDeletesOldDaysAndExpiresOldSnapshots() throws Exception {
    StockFixtures f = new StockFixtures(dir);
    f.run(LoadProduct::new, "r1", "--source=" + f.productCsv());
    f.run(StockFeed::new, "r2", "--source=" + f.betFeed("2024-05-01", new Object[] {"P1", 1}));
    f.run(StockFeed::new, "r3", "--source=" + f.betFeed("2024-05-31", new Object[] {"P1", 2}));
    f.run(StockFeed::new, "r4", "--source=" + f.betFeed("2024-06-01", new Object[] {"P1", 3}));

    // Today 2024-06-30, 30 days: 05-31 is kept (not before 05-31), 05-01 goes.
    StockPrune.Pruned pruned;
    try (LakeCatalog c = LakeCatalog.open(CatalogConfig.embedded(f.lake.toString()))) {
      pruned = StockPrune.prune(c, 30, LocalDate.parse("2024-06-30"), Instant.now().plus(Duration.ofDays(31)), "p1");
    }
    assertEquals(List.of("supplier=BET/updated_date_day=2024-05-01"), pruned.days());
    assertEquals(List.of("2024-05-31 2", "2024-06-01 3"), f.rows("stock.supplier_stock", "updated_date", "quantity"));
    // Every snapshot made before 'now' + 31 days - 30 days expires, but a table's current one stays:
    // supplier_stock had r2, r3, r4 and the prune's delete; product only r1.
    assertEquals(Map.of("stock.product", 0, "stock.supplier_stock", 3, "stock.dead_letters", 0), pruned.expired());
    assertEquals(List.of(), LakeTableRows.unreferencedFiles(f.lake, "stock.supplier_stock"),
        "the pruned day's file and the expired snapshots' files are deleted");
    try (java.util.stream.Stream<Path> files = Files.walk(f.lake.resolve("warehouse"))) {
      assertEquals(2, files.filter(p -> p.toString().contains("supplier_stock/data/") && p.toString().endsWith(".parquet")).count());
    }
  }
}
