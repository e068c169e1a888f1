package io.tributary.pipelines.trips;

import io.tributary.pipelines.Lake;

/**
 * Where the trips pipeline keeps files beside its tables: the k-means models, versioned JSON per
 * region (the tables themselves are in the catalog, see {@link TripsTables}).
 */
final class TripsLake {
  final String models;

  TripsLake(TripsOptions options) {
    models = Lake.root(options) + "/models/trips_routes";
  }
}
