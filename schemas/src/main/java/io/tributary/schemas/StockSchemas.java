package io.tributary.schemas;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/** The stock pipeline's four tables, as the seed (rtg-automotive) lays them out, and a feed row. */
public final class StockSchemas {
  private StockSchemas() {}

  /** product/data.parquet: which custom label a supplier's part number is sold under. */
  public static final Schema PRODUCT = Schema.builder()
      .addStringField("custom_label")
      .addStringField("part_number")
      .addStringField("supplier")
      .build();

  /** store/ebay_store=E/supplier=S/: the eBay listings. */
  public static final Schema STORE = Schema.builder()
      .addInt64Field("item_id")
      .addStringField("custom_label")
      .addNullableField("title", FieldType.STRING)
      .addNullableField("current_price", FieldType.DOUBLE)
      .addNullableField("prefix", FieldType.STRING)
      .addNullableField("uk_rtg", FieldType.STRING)
      .addNullableField("fps_wds_dir", FieldType.STRING)
      .addNullableField("payment_profile_name", FieldType.STRING)
      .addNullableField("shipping_profile_name", FieldType.STRING)
      .addNullableField("return_profile_name", FieldType.STRING)
      .addStringField("supplier")
      .addStringField("ebay_store")
      .build();

  /** supplier_stock/supplier=S/year=YYYY/month=MM/day=DD/: one supplier's stock on one day. */
  public static final Schema SUPPLIER_STOCK = Schema.builder()
      .addStringField("custom_label")
      .addStringField("part_number")
      .addStringField("supplier")
      .addInt32Field("quantity")
      .addField("updated_date", InvoiceSchemas.DATE)
      .build();

  /** ebay/ebay_store=E/: what to set on each listing today. */
  public static final Schema EBAY = Schema.builder()
      .addInt64Field("item_id")
      .addStringField("custom_label")
      .addStringField("supplier")
      .addStringField("ebay_store")
      .addInt32Field("quantity")
      .addInt32Field("quantity_delta")
      .addField("updated_date", InvoiceSchemas.DATE)
      .build();

  /** A supplier feed row after its supplier's rule: the part and the quantity, and where it was read. */
  public static final Schema FEED_ROW = Schema.builder()
      .addStringField("supplier")
      .addStringField("part_number")
      .addInt32Field("quantity")
      .addStringField("source")
      .addInt64Field("line")
      .build();

  /** Per (supplier, custom_label): the latest snapshot up to the eBay day and its change on the one before. */
  public static final Schema LATEST_STOCK = Schema.builder()
      .addStringField("supplier")
      .addStringField("custom_label")
      .addInt32Field("quantity")
      .addInt32Field("quantity_delta")
      .addField("updated_date", InvoiceSchemas.DATE)
      .build();
}
