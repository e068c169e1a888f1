package io.tributary.schemas;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/**
 * Tables of the {@code trips} pipeline. Coordinates are lon/lat in degrees (the source's
 * {@code POINT (x y)} has x = longitude, y = latitude); {@code datetime} is the source's local
 * wall-clock time stored as a UTC instant, so it prints back exactly as it was read.
 */
public final class TripSchemas {
  private TripSchemas() {}

  /** The JDBC {@code trips} table: the CSV columns as they come, plus a numeric id for partitioned reads. */
  public static final Schema TRIPS_TABLE =
      Schema.builder()
          .addInt64Field("id")
          .addStringField("region")
          .addStringField("origin_coord")
          .addStringField("destination_coord")
          .addDateTimeField("datetime")
          .addStringField("datasource")
          .build();

  /** Fields that identify a trip: two rows equal on these are the same trip. */
  private static Schema.Builder tripFields() {
    return Schema.builder()
        .addStringField("region")
        .addDoubleField("origin_lon")
        .addDoubleField("origin_lat")
        .addDoubleField("dest_lon")
        .addDoubleField("dest_lat")
        .addDateTimeField("datetime")
        .addStringField("datasource");
  }

  /** {@code lake/raw/trips/ingestion_date=D/}: every parsed row of every ingestion, appended. */
  public static final Schema RAW_TRIP =
      tripFields()
          .addStringField("ingestion_id")
          .addDateTimeField("ingestion_timestamp")
          .addStringField("ingestion_date")
          .build();

  /** {@code lake/curated/trips/region=R/date=D/}: one row per distinct trip, earliest ingestion kept. */
  public static final Schema CURATED_TRIP = tripFields().addStringField("ingestion_id").build();

  /** {@code lake/curated/trip_routes/region=R/}: a curated trip with its route 0..k-1. */
  public static final Schema ROUTED_TRIP =
      tripFields().addStringField("ingestion_id").addInt32Field("route").build();

  /** {@code bounding_boxes}: a lon/lat rectangle, edges inclusive. */
  public static final Schema BOUNDING_BOX =
      Schema.builder()
          .addInt64Field("id")
          .addDoubleField("x_min")
          .addDoubleField("y_min")
          .addDoubleField("x_max")
          .addDoubleField("y_max")
          .build();

  /** {@code report_weekly_average}: one row per area (region, region+route or bounding box). */
  public static final Schema WEEKLY_AVERAGE =
      Schema.builder()
          .addStringField("report")
          .addNullableField("region", FieldType.STRING)
          .addNullableField("route", FieldType.INT32)
          .addNullableField("bbox_id", FieldType.INT64)
          .addInt64Field("trips")
          .addInt64Field("weeks")
          .addDoubleField("weekly_average")
          .build();
}
