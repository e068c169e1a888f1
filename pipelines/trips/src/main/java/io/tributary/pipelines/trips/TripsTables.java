package io.tributary.pipelines.trips;

import io.tributary.core.table.TableSpec;
import io.tributary.schemas.DeadLetterSchema;
import io.tributary.schemas.TripSchemas;

/** The trips pipeline's lake tables, namespace {@code trips}, partitioned as the seed lays them out. */
public final class TripsTables {
  private TripsTables() {}

  /** Every parsed row of every ingestion, appended; by ingestion day. */
  public static final TableSpec RAW = TableSpec.of("trips.raw_trips", TripSchemas.RAW_TRIP).identity("ingestion_date");
  /** One row per distinct trip (the earliest ingestion kept), by region and day of the trip. */
  public static final TableSpec CURATED =
      TableSpec.of("trips.curated_trips", TripSchemas.CURATED_TRIP).identity("region").day("datetime");
  /** Every curated trip with its route, by region. */
  public static final TableSpec ROUTES = TableSpec.of("trips.trip_routes", TripSchemas.ROUTED_TRIP).identity("region");
  /** The weekly averages per region, region and route, and bounding box. */
  public static final TableSpec WEEKLY_AVERAGE = TableSpec.of("trips.weekly_average", TripSchemas.WEEKLY_AVERAGE);
  /** Rejected rows of every step, with the reason and the original text. */
  public static final TableSpec DEAD_LETTERS = TableSpec.of("trips.dead_letters", DeadLetterSchema.TABLE).day("day");

  /** The k-means models, JSON per region, beside the tables: {@code <lake>/models/trips_routes/region=R/}. */
  public static String models(String lakeRoot) {
    return lakeRoot + "/models/trips_routes";
  }
}
