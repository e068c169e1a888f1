package io.tributary.pipelines.stock;

import io.tributary.pipelines.Lake;
import io.tributary.transforms.lake.PartitionPath;
import io.tributary.transforms.lake.VersionedTable;
import java.time.LocalDate;

/**
 * Where the stock tables live, laid out as the seed's bucket: {@code product/data.parquet},
 * {@code store/ebay_store=E/supplier=S/}, {@code supplier_stock/supplier=S/year=YYYY/month=MM/day=DD/},
 * {@code ebay/ebay_store=E/}; exports and dead letters beside them.
 */
public final class StockLake {
  public static final String PRODUCT = "product";
  public static final String STORE = "store";
  public static final String SUPPLIER_STOCK = "supplier_stock";
  public static final String EBAY = "ebay";
  public static final String[] TABLES = {PRODUCT, STORE, SUPPLIER_STOCK, EBAY};

  public final String root;

  public StockLake(StockOptions options) {
    this(Lake.root(options));
  }

  public StockLake(String root) {
    this.root = root;
  }

  public VersionedTable table(String name) {
    for (String t : TABLES) {
      if (t.equals(name)) {
        return VersionedTable.of(root, name);
      }
    }
    throw new IllegalArgumentException("unknown stock table '" + name + "' (tables: " + String.join(", ", TABLES) + ")");
  }

  /** The Parquet files of a table, at its partition depth. */
  public String files(String table) {
    switch (table) {
      case PRODUCT:
        return root + "/product/*.parquet";
      case STORE:
        return root + "/store/*/*/*.parquet";
      case SUPPLIER_STOCK:
        return root + "/supplier_stock/*/*/*/*/*.parquet";
      case EBAY:
        return root + "/ebay/*/*.parquet";
      default:
        throw new IllegalArgumentException(table);
    }
  }

  public static String storePartition(String ebayStore, String supplier) {
    return PartitionPath.segment("ebay_store", ebayStore) + "/" + PartitionPath.segment("supplier", supplier);
  }

  public static String stockPartition(String supplier, LocalDate day) {
    return PartitionPath.segment("supplier", supplier) + String.format("/year=%04d/month=%02d/day=%02d",
        day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }

  public String storeFiles(String ebayStore, String supplier) {
    return root + "/store/" + storePartition(ebayStore, supplier) + "/*.parquet";
  }

  /** exports/ebay/ebay_store=E/revise.csv for each store. */
  public String ebayExports() {
    return root + "/exports/ebay";
  }

  /** deadletter/stock/<what>: a step's rejects, replaced by the step's next run over the same input. */
  public String deadLetters(String what) {
    return root + "/deadletter/stock/" + what;
  }
}
