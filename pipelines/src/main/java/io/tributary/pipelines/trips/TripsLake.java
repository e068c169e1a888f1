package io.tributary.pipelines.trips;

import io.tributary.pipelines.Lake;

/** Where the trips tables live inside the lake. */
final class TripsLake {
  final String raw;
  final String deadLetters;
  final String curated;
  final String routes;
  final String models;
  final String report;

  TripsLake(TripsOptions options) {
    String root = Lake.root(options);
    raw = root + "/raw/trips";
    deadLetters = root + "/deadletter/trips";
    curated = root + "/curated/trips";
    routes = root + "/curated/trip_routes";
    models = root + "/models/trips_routes";
    report = root + "/reports/trips_weekly_average";
  }

  /** raw/trips/ingestion_date=D/part-*.parquet */
  String rawFiles() {
    return raw + "/*/*.parquet";
  }

  /** curated/trips/region=R/date=D/part-*.parquet */
  String curatedFiles() {
    return curated + "/*/*/*.parquet";
  }

  /** curated/trip_routes/region=R/part-*.parquet */
  String routeFiles() {
    return routes + "/*/*.parquet";
  }
}
