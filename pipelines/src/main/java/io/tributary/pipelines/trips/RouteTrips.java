package io.tributary.pipelines.trips;

import io.tributary.pipelines.Lake;
import io.tributary.pipelines.PipelineStep;
import io.tributary.schemas.TripSchemas;
import io.tributary.transforms.kmeans.AssignToNearestCentroid;
import io.tributary.transforms.kmeans.CentroidModel;
import io.tributary.transforms.kmeans.FeaturePoint;
import io.tributary.transforms.kmeans.FitCentroidsPerKey;
import io.tributary.transforms.kmeans.SaveModels;
import io.tributary.transforms.lake.PartitionPath;
import io.tributary.transforms.lake.ReadParquetRows;
import io.tributary.transforms.lake.ReplaceDirectory;
import io.tributary.transforms.lake.WriteParquetPartitions;
import io.tributary.transforms.metrics.CountAs;
import java.time.Instant;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Step 3, routes: per region, k-means over origin, destination and time of day (each feature
 * standardised within the region); the model is saved to {@code models/trips_routes/region=R/} and
 * every curated trip gets the nearest route in {@code curated/trip_routes/region=R/}.
 */
public final class RouteTrips implements PipelineStep {
  public static final String NAME = "routes";

  private final TripsOptions options;
  private final TripsLake lake;
  private final String routesStaging;
  private final String modelsStaging;

  public RouteTrips(TripsOptions options) {
    this.options = options;
    this.lake = new TripsLake(options);
    String runId = Lake.runId(options);
    this.routesStaging = ReplaceDirectory.staging(lake.routes, runId);
    this.modelsStaging = ReplaceDirectory.staging(lake.models, runId);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void expand(Pipeline pipeline) {
    if (!ReadParquetRows.anyMatch(lake.curatedFiles())) {
      throw new IllegalStateException("no curated trips under " + lake.curated + ": run `tributary trips transform` first");
    }
    PCollection<Row> trips = pipeline
        .apply("ReadCurated", ReadParquetRows.from(lake.curatedFiles(), TripSchemas.CURATED_TRIP))
        .apply("CountRead", CountAs.read(NAME));

    String version = Lake.runId(options) + " " + Instant.now();
    PCollection<KV<String, CentroidModel>> models = trips
        .apply("Features", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(FeaturePoint.class)))
            .via(trip -> KV.of(trip.getString("region"), new FeaturePoint(Trips.key(trip), Trips.routeFeatures(trip)))))
        .apply("Fit", FitCentroidsPerKey.of(Trips.ROUTE_FEATURES, options.getRoutesK(), options.getRoutesSeed(), version)
            .withFeatureGroups(Trips.ROUTE_FEATURE_GROUPS)
            .withSampleSize(options.getRoutesSampleSize()));
    models.apply("SaveModels", SaveModels.to(modelsStaging, "region"));

    PCollectionView<Map<String, CentroidModel>> byRegion = models.apply("ModelsByRegion", View.asMap());
    trips
        .apply("Assign", AssignToNearestCentroid.<Row>of(byRegion, t -> t.getString("region"), Trips::routeFeatures))
        .apply("Routed", MapElements.into(TypeDescriptors.rows()).via(kv -> Trips.routed(kv.getKey(), kv.getValue())))
        .setRowSchema(TripSchemas.ROUTED_TRIP)
        .apply("WriteRoutes", WriteParquetPartitions.to(NAME, routesStaging, Lake.runId(options),
            row -> PartitionPath.segment("region", row.getString("region")))
            // A region can hold most of the data: let every worker write its own file per region
            // instead of funnelling a region through one writer.
            .withShardsPerPartition(0));
  }

  @Override
  public void commit() {
    ReplaceDirectory.commit(modelsStaging, lake.models);
    ReplaceDirectory.commit(routesStaging, lake.routes);
  }

  @Override
  public void abort() {
    ReplaceDirectory.discard(modelsStaging);
    ReplaceDirectory.discard(routesStaging);
  }
}
