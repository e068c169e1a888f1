package io.tributary.pipelines.stock;

import io.tributary.core.step.LakeOptions;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;

/** Options of the stock pipeline's steps. */
public interface StockOptions extends LakeOptions {
  @Description("Input of load-product / load-store (a .csv with a header row, or an .xlsx whose first row "
      + "is the header) or of feed (a supplier's .xlsx); local or s3://")
  String getSource();

  void setSource(String source);

  @Description("Supplier of a feed (default: from the file name, SUPPLIER_*.xlsx)")
  String getSupplier();

  void setSupplier(String supplier);

  @Description("Day of a feed or of the eBay table, yyyy-MM-dd (feed default: from the path "
      + "stock_feed/year=/month=/day=/; ebay default: today, UTC)")
  String getDate();

  void setDate(String date);

  @Description("load-store: replace each loaded (ebay_store, supplier) partition with the load, "
      + "dropping its rows absent from the load (default: upsert, keeping them)")
  @Default.Boolean(false)
  boolean getReplacePartition();

  void setReplacePartition(boolean replace);

  @Description("Per-supplier feed rules")
  @Default.String("config/suppliers.yaml")
  String getSuppliersConfig();

  void setSuppliersConfig(String path);
}
