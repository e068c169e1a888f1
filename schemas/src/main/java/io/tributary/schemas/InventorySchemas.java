package io.tributary.schemas;

import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;

/**
 * The inventory pipeline's inputs (as parsed from the marketplace's lake) and its three tables.
 * Days are Beam DATE, instants DATETIME (UTC), money DOUBLE (at most two decimals on input).
 */
public final class InventorySchemas {
  private InventorySchemas() {}

  public static final FieldType DATE = FieldType.logicalType(SqlTypes.DATE);

  /** Impression kinds, in the order of their columns. */
  public static final List<String> IMPRESSION_KINDS = List.of("srp", "vdp", "photo_view", "save", "share");
  /** Lead kinds, in the order of their columns. */
  public static final List<String> LEAD_KINDS = List.of("email", "phone", "chat", "text", "wired");

  /** vehicle/snapshot_date=D/: one row per listing as the marketplace saw it that day. */
  public static final Schema VEHICLE = Schema.builder()
      .addField("snapshot_date", DATE)
      .addInt64Field("listing_id")
      .addStringField("vin")
      .addInt64Field("dealer_id")
      .addStringField("zip_code")
      .addStringField("make")
      .addStringField("model")
      .addInt32Field("model_year")
      .addNullableField("trim", FieldType.STRING)
      .addStringField("body_style")
      .addStringField("stock_type")
      .addDoubleField("price")
      .addInt64Field("mileage")
      .addDateTimeField("listed_at")
      .addStringField("status")
      .addDateTimeField("updated_at")
      .build();

  /** vehicle_history/event_date=D/: what happened to a listing. */
  public static final Schema VEHICLE_HISTORY = Schema.builder()
      .addInt64Field("listing_id")
      .addStringField("vin")
      .addDateTimeField("event_at")
      .addStringField("event")
      .addNullableField("price", FieldType.DOUBLE)
      .build();

  /** impressions/date=D/: a day's count of one kind of impression of a listing. */
  public static final Schema IMPRESSION = Schema.builder()
      .addInt64Field("listing_id")
      .addField("date", DATE)
      .addStringField("kind")
      .addInt64Field("count")
      .build();

  /** leads/date=D/: one buyer contact; {@code date} is the partition's day. */
  public static final Schema LEAD = Schema.builder()
      .addInt64Field("lead_id")
      .addInt64Field("listing_id")
      .addDateTimeField("created_at")
      .addStringField("kind")
      .addField("date", DATE)
      .build();

  /** zip_dma: the zip code's designated market area. */
  public static final Schema ZIP_DMA = Schema.builder()
      .addStringField("zip_code")
      .addStringField("dma_code")
      .addStringField("dma_name")
      .addStringField("state")
      .build();

  /**
   * inventory.active_listings: the day's active listings, one per listing and per VIN: the vehicle
   * row's fields (without its snapshot day and status), the day, first listing day and days on market.
   */
  public static final Schema ACTIVE_LISTING = Schema.builder()
      .addField("date", DATE)
      .addFields(VEHICLE.getFields().stream()
          .filter(f -> !f.getName().equals("snapshot_date") && !f.getName().equals("status"))
          .collect(java.util.stream.Collectors.toList()))
      .addField("first_listed", DATE)
      .addInt32Field("days_on_market")
      .build();

  /** inventory.listing_activity: one row per active listing, day and window. */
  public static final Schema LISTING_ACTIVITY;

  static {
    Schema.Builder b = Schema.builder().addField("date", DATE).addInt64Field("listing_id").addInt32Field("window_days");
    IMPRESSION_KINDS.forEach(k -> b.addInt64Field(k));
    b.addInt64Field("total_impressions");
    LEAD_KINDS.forEach(k -> b.addInt64Field(k + "_leads"));
    b.addInt64Field("total_leads")
        .addInt64Field("prev_total_impressions")
        .addInt64Field("prev_total_leads")
        .addInt64Field("prev_wired_leads")
        .addDoubleField("activity_score")
        .addDoubleField("prev_activity_score")
        .addInt32Field("days_on_market");
    LISTING_ACTIVITY = b.build();
  }

  /** inventory.inventory_groups: one row per day, grouping set, location and group. */
  public static final Schema INVENTORY_GROUP = Schema.builder()
      .addField("date", DATE)
      .addStringField("grouping")
      .addStringField("location_level")
      .addStringField("location")
      .addNullableField("make", FieldType.STRING)
      .addNullableField("model", FieldType.STRING)
      .addNullableField("model_year", FieldType.INT32)
      .addNullableField("body_style", FieldType.STRING)
      .addNullableField("stock_type", FieldType.STRING)
      .addInt64Field("active_listings")
      .addDoubleField("median_price")
      .addDoubleField("mean_price")
      .addDoubleField("mean_mileage")
      .addDoubleField("mean_days_on_market")
      .addDoubleField("total_activity")
      .addDoubleField("activity_per_listing")
      .addInt64Field("total_leads")
      .addDoubleField("leads_per_listing")
      .build();

  /** The vehicle attributes a grouping set may name. */
  public static final List<String> GROUP_ATTRIBUTES = List.of("make", "model", "model_year", "body_style", "stock_type");
}
