package io.tributary.pipelines.trips;

import io.tributary.schemas.TripSchemas;
import io.tributary.transforms.encoding.CyclicEncoding;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/** What a trip row means: its identity, its date, its route features. Shared by the steps. */
final class Trips {
  static final List<String> ROUTE_FEATURES =
      List.of("origin_lon", "origin_lat", "dest_lon", "dest_lat", "time_of_day_sin", "time_of_day_cos");
  /** Each coordinate is a feature; time of day (sin, cos) is one feature with one scale. */
  static final int[] ROUTE_FEATURE_GROUPS = {0, 1, 2, 3, 4, 4};

  private Trips() {}

  /** Two rows with the same key are the same trip (region, origin, destination, datetime, datasource). */
  static String key(Row trip) {
    return trip.getString("region") + '|' + trip.getDouble("origin_lon") + '|' + trip.getDouble("origin_lat")
        + '|' + trip.getDouble("dest_lon") + '|' + trip.getDouble("dest_lat") + '|'
        + trip.getDateTime("datetime").getMillis() + '|' + trip.getString("datasource");
  }

  static java.time.LocalDateTime localDateTime(ReadableInstant instant) {
    return java.time.Instant.ofEpochMilli(instant.getMillis()).atZone(ZoneOffset.UTC).toLocalDateTime();
  }

  static String date(Row trip) {
    return localDateTime(trip.getDateTime("datetime")).toLocalDate().toString();
  }

  /** Origin and destination lon/lat plus time of day on the unit circle. */
  static double[] routeFeatures(Row trip) {
    int secondOfDay = localDateTime(trip.getDateTime("datetime")).toLocalTime().toSecondOfDay();
    double[] tod = CyclicEncoding.timeOfDay(secondOfDay);
    return new double[] {
      trip.getDouble("origin_lon"), trip.getDouble("origin_lat"),
      trip.getDouble("dest_lon"), trip.getDouble("dest_lat"), tod[0], tod[1]
    };
  }

  /** A raw row without its ingestion bookkeeping, as it is published in curated/trips. */
  static Row curated(Row raw) {
    return Row.withSchema(TripSchemas.CURATED_TRIP)
        .addValues(raw.getString("region"), raw.getDouble("origin_lon"), raw.getDouble("origin_lat"),
            raw.getDouble("dest_lon"), raw.getDouble("dest_lat"), raw.getDateTime("datetime"),
            raw.getString("datasource"), raw.getString("ingestion_id"))
        .build();
  }

  static Row routed(Row curated, int route) {
    return Row.withSchema(TripSchemas.ROUTED_TRIP).addValues(curated.getValues()).addValue(route).build();
  }
}
