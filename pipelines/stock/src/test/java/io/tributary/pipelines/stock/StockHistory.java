package io.tributary.pipelines.stock;

import io.tributary.testing.XlsxFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The stock pipeline's hand-worked world, shared by its pipeline tests and the end-to-end suite:
 * four products, a store of seven good listings (and one a spreadsheet mangled) over three eBay
 * stores, and the BET and RTG feeds of three days.
 *
 * <pre>
 * BET feed     2024-06-01   2024-06-02   2024-06-03      product: P1->L1, P2->L2, P3->L3
 *   P1             5            5            7
 *   P2            12 (->10)     4            -
 *   P3           n/a (->0)      -            2
 *   P9             3 (no product: dead letter)
 * RTG feed (out of stock) on 2024-06-03: " rtg-1 ", "RTG-9" (no RTG listing: dead letter)
 *
 * ebay on 2024-06-03 (latest, latest - previous):
 *   L1  7, 7-5 = 2     (06-03 vs 06-02)      listed twice: items 1 (AUTO) and 2 (RTG)
 *   L2  4, 4-10 = -6   (06-02 vs 06-01)
 *   L3  2, 2-0 = 2     (06-03 vs 06-01)
 *   RTG-1 0, RTG-2 20, rtg-3 20: first snapshot, so delta = quantity
 * </pre>
 */
public final class StockHistory {
  private StockHistory() {}

  public static final String PRODUCT_CSV = String.join("\n",
      "custom_label,part_number,supplier",
      "L1,P1,BET",
      "L2,P2,BET",
      "L3,P3,BET",
      "LA1,A1,APE") + "\n";

  /** Columns deliberately not in schema order: the loader finds them by name. */
  public static final String STORE_CSV = String.join("\n",
      "ebay_store,supplier,item_id,custom_label,title,current_price,prefix,uk_rtg,fps_wds_dir,payment_profile_name,"
          + "shipping_profile_name,return_profile_name",
      "AUTO,BET,110000000001,L1,Brake pads,19.99,bet,UK,WDS,PayPal,Standard,30 days",
      "RTG,BET,110000000002,L1,\"Brake pads, RTG\",21.50,bet,UK,WDS,PayPal,Standard,30 days",
      "AUTO,BET,110000000003,L2,Oil filter,5.00,,,,,,",
      "AUTO,BET,110000000004,L3,Wiper blade,7.25,,,,,,",
      "RTG,RTG,110000000101,RTG-1,Lamp,3.00,,,,,,",
      "RTG,RTG,110000000102,RTG-2,Lamp,3.00,,,,,,",
      "RTG,RTG,110000000103,rtg-3,Lamp,3.00,,,,,,",
      "AUTO,BET,1.23457E+11,L1,Shown by a spreadsheet,1,,,,,,") + "\n";

  /** item_id custom_label supplier ebay_store quantity quantity_delta updated_date, sorted. */
  public static final List<String> EBAY_2024_06_03 = List.of(
      "110000000001 L1 BET AUTO 7 2 2024-06-03",
      "110000000002 L1 BET RTG 7 2 2024-06-03",
      "110000000003 L2 BET AUTO 4 -6 2024-06-02",
      "110000000004 L3 BET AUTO 2 2 2024-06-03",
      "110000000101 RTG-1 RTG RTG 0 0 2024-06-03",
      "110000000102 RTG-2 RTG RTG 20 20 2024-06-03",
      "110000000103 rtg-3 RTG RTG 20 20 2024-06-03");

  public static final String REVISE_HEADER = "Action,ItemID,SiteID,Currency,Quantity,Store";
  /** Sorted data lines; RTG-1 did not change (delta 0), so it is left out. */
  public static final List<String> REVISE_AUTO_2024_06_03 = List.of(
      "Revise,110000000001,UK,GBP,7,AUTO", "Revise,110000000003,UK,GBP,4,AUTO", "Revise,110000000004,UK,GBP,2,AUTO");
  public static final List<String> REVISE_RTG_2024_06_03 = List.of(
      "Revise,110000000002,UK,GBP,7,RTG", "Revise,110000000102,UK,GBP,20,RTG", "Revise,110000000103,UK,GBP,20,RTG");

  /** A feed's path in the seed's key layout under {@code root}. */
  public static Path feedPath(Path root, String supplier, String day) {
    String[] ymd = day.split("-");
    return root.resolve("stock_feed/year=" + ymd[0] + "/month=" + ymd[1] + "/day=" + ymd[2] + "/" + supplier + "_"
        + day.replace("-", "") + ".xlsx");
  }

  /** BET's feed of a day: code in column 1, stock in column 2, a header row. */
  public static Path betFeed(Path root, String day, Object[]... rows) throws Exception {
    Object[][] all = new Object[rows.length + 1][];
    all[0] = new Object[] {"Code", "Stock"};
    System.arraycopy(rows, 0, all, 1, rows.length);
    return XlsxFiles.write(feedPath(root, "BET", day), all);
  }

  /** Writes product.csv and store.csv under {@code root}. */
  public static void writeTables(Path root) throws Exception {
    Files.createDirectories(root);
    Files.writeString(root.resolve("product.csv"), PRODUCT_CSV);
    Files.writeString(root.resolve("store.csv"), STORE_CSV);
  }

  /** Days 1 to 3 of BET, then RTG's out-of-stock list of day 3, in the order they are fed. */
  public static List<Path> writeFeeds(Path root) throws Exception {
    List<Path> feeds = new ArrayList<>();
    feeds.add(betFeed(root, "2024-06-01", new Object[] {"P1", 5}, new Object[] {"P2", 12}, new Object[] {"P3", "n/a"},
        new Object[] {"P9", 3}));
    feeds.add(betFeed(root, "2024-06-02", new Object[] {"P1", 5}, new Object[] {"P2", 4}));
    feeds.add(betFeed(root, "2024-06-03", new Object[] {"P1", 7}, new Object[] {"P3", 2}));
    feeds.add(XlsxFiles.write(feedPath(root, "RTG", "2024-06-03"), new Object[] {"Code"}, new Object[] {" rtg-1 "},
        new Object[] {"RTG-9"}));
    return feeds;
  }
}
