package io.tributary.pipelines.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.pipelines.StepExecutor;
import io.tributary.testing.XlsxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** load-product, load-store (upsert and --replacePartition), versions, rollback and prune. */
class StockTablesTest {
  @TempDir Path dir;

  static final String HEADER = "item_id,custom_label,title,current_price,prefix,uk_rtg,fps_wds_dir,"
      + "payment_profile_name,shipping_profile_name,return_profile_name,supplier,ebay_store";

  @Test
  void storeLoadsUpsertByItemIdAndReplacePartitionDropsAbsentRows() throws Exception {
    StockFixtures f = new StockFixtures(dir);
    f.run(LoadStore::new, "r1", "--source=" + f.storeCsv());
    String autoBet = "store/ebay_store=AUTO/supplier=BET";
    assertEquals(List.of("110000000001 19.99", "110000000003 5.0", "110000000004 7.25"),
        f.rows(autoBet, "item_id", "current_price"));

    // Week 2: item 3 re-priced and moved to CARSPARES, item 5 new; item 4 absent from the load.
    Path week2 = f.write("in/store2.csv", HEADER + "\n"
        + "110000000003,L2,Oil filter,6.50,,,,,,,BET,CARSPARES\n"
        + "110000000005,L3,Wiper blade rear,8.00,,,,,,,BET,AUTO\n"
        + "110000000006,L1,Twice,1.00,,,,,,,BET,AUTO\n"
        + "110000000006,L1,Twice again,2.00,,,,,,,BET,AUTO\n");
    f.run(LoadStore::new, "r2", "--source=" + week2);
    assertEquals(List.of("110000000001 19.99", "110000000004 7.25", "110000000005 8.0"),
        f.rows(autoBet, "item_id", "current_price"), "3 moved out, 4 kept, 5 added, 6 (twice) rejected");
    List<com.fasterxml.jackson.databind.JsonNode> twice = io.tributary.testing.DeadLetterFiles.read(
        f.lake.resolve("deadletter/stock/load-store"));
    assertEquals(2, twice.size(), twice.toString());
    assertTrue(twice.get(0).get("reason").asText().contains("'110000000006' appears 2 times"), twice.toString());
    assertEquals(List.of("110000000003 6.5"), f.rows("store/ebay_store=CARSPARES/supplier=BET", "item_id", "current_price"));
    assertEquals(3, f.rows("store/ebay_store=RTG/supplier=RTG", "item_id").size(), "untouched partition");
    assertEquals(9 - 1 - 1 + 1, f.rows("store", "item_id").size(), "8 listings: 7 + item 5 (the bad row never loaded)");

    // Week 3 with --replacePartition: AUTO/BET becomes exactly the load (one row, from an xlsx).
    Path week3 = XlsxFiles.write(dir.resolve("in/store3.xlsx"),
        HEADER.split(","),
        new Object[] {"110000000001", "L1", "Brake pads", 18.5, null, null, null, null, null, null, "BET", "AUTO"});
    f.run(LoadStore::new, "r3", "--source=" + week3, "--replacePartition=true");
    assertEquals(List.of("110000000001 18.5"), f.rows(autoBet, "item_id", "current_price"));
    assertEquals(List.of("110000000003 6.5"), f.rows("store/ebay_store=CARSPARES/supplier=BET", "item_id", "current_price"));

    // Each load kept what it replaced: two rollbacks return week 1's AUTO/BET.
    StockMaintenance maintenance = new StockMaintenance(new StockLake(f.lake.toString()));
    maintenance.rollback(StockLake.STORE);
    assertEquals(List.of("110000000001 19.99", "110000000004 7.25", "110000000005 8.0"),
        f.rows(autoBet, "item_id", "current_price"));
    maintenance.rollback(StockLake.STORE);
    assertEquals(List.of("110000000001 19.99", "110000000003 5.0", "110000000004 7.25"),
        f.rows(autoBet, "item_id", "current_price"));
    assertFalse(Files.exists(f.lake.resolve("store/ebay_store=CARSPARES")), "created by week 2, removed by its rollback");
  }

  @Test
  void productLoadOverwritesKeepsVersionsAndRefusesALoadWithNoValidRow() throws Exception {
    StockFixtures f = new StockFixtures(dir);
    f.run(LoadProduct::new, "20240601T000000Z-a", "--source=" + f.productCsv());
    try (java.util.stream.Stream<Path> files = Files.list(f.lake.resolve("product"))) {
      assertEquals(List.of("data.parquet"), files.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toList()),
          "one file, no Beam temporary folder published with it");
    }
    Path xlsx = XlsxFiles.write(dir.resolve("in/product.xlsx"), new Object[] {"supplier", "part_number", "custom_label"},
        new Object[] {"BET", "P1", "L1-NEW"}, new Object[] {"BET", "P2", "L2"}, new Object[] {"BET", "P2", "L2-B"},
        new Object[] {"BET", "P3", "L3"}, new Object[] {"BET", "P3", "L3"}, new Object[] {"BET", null, "NO-PART"});
    f.run(LoadProduct::new, "20240701T000000Z-b", "--source=" + xlsx);
    assertEquals(List.of("L1-NEW P1 BET", "L2 P2 BET", "L2-B P2 BET"),
        f.rows("product", "custom_label", "part_number", "supplier"),
        "P2 sold under two labels: a row each; P3's identical triple twice: both copies rejected; the empty part_number rejected");
    assertEquals(3, io.tributary.testing.DeadLetterFiles.read(f.lake.resolve("deadletter/stock/load-product")).size());

    Path allBad = f.write("in/bad.csv", "custom_label,part_number,supplier\n,P1,BET\n");
    assertThrows(StepExecutor.StepFailed.class, () -> f.run(LoadProduct::new, "20240702T000000Z-c", "--source=" + allBad));
    assertEquals(List.of("L1-NEW P1 BET", "L2 P2 BET", "L2-B P2 BET"),
        f.rows("product", "custom_label", "part_number", "supplier"), "left as it was");
    Path missingColumn = f.write("in/nolabel.csv", "part_number,supplier\nP1,BET\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> f.run(LoadProduct::new, "20240703T000000Z-d", "--source=" + missingColumn));
    assertTrue(e.getMessage().contains("custom_label"), e.getMessage());

    StockLake lake = new StockLake(f.lake.toString());
    assertEquals(2, lake.table(StockLake.PRODUCT).versions(true).size());
    new StockMaintenance(lake).rollback(StockLake.PRODUCT);
    assertEquals(4, f.rows("product", "custom_label").size(), "back to the first load");
  }

  @Test
  void pruneDeletesOldDaysAndOldVersionsAndRewritesTheManifest() throws Exception {
    StockFixtures f = new StockFixtures(dir);
    f.run(LoadProduct::new, "r1", "--source=" + f.productCsv());
    f.run(StockFeed::new, "r2", "--source=" + f.betFeed("2024-05-01", new Object[] {"P1", 1}));
    f.run(StockFeed::new, "r3", "--source=" + f.betFeed("2024-05-31", new Object[] {"P1", 2}));
    f.run(StockFeed::new, "r4", "--source=" + f.betFeed("2024-06-01", new Object[] {"P1", 3}));

    StockLake lake = new StockLake(f.lake.toString());
    // Today 2024-06-30, 30 days: 05-31 is kept (not before 05-31), 05-01 goes.
    StockMaintenance.Pruned pruned = new StockMaintenance(lake).prune(30, LocalDate.parse("2024-06-30"),
        Instant.now().plus(Duration.ofDays(31)));
    assertEquals(List.of("supplier=BET/year=2024/month=05/day=01"), pruned.days);
    assertTrue(pruned.dropStatements.get(0).contains("PARTITION (supplier='BET', year='2024', month='05', day='01')"));
    assertFalse(Files.exists(f.lake.resolve("supplier_stock/supplier=BET/year=2024/month=05/day=01")));
    assertTrue(Files.exists(f.lake.resolve("supplier_stock/supplier=BET/year=2024/month=05/day=31/data.parquet")));
    String manifest = Files.readString(f.lake.resolve("supplier_stock/_partitions.json"));
    assertFalse(manifest.contains("month=05/day=01"));
    assertTrue(manifest.contains("month=05/day=31") && manifest.contains("month=06/day=01"));
    assertEquals(4, pruned.versions.size(), "every version made before 'now' + 31 days - 30 days");
    assertTrue(lake.table(StockLake.PRODUCT).versions(true).isEmpty());
  }
}
