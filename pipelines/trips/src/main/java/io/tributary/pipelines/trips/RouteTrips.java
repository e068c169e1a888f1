package io.tributary.pipelines.trips;

import io.tributary.core.step.Exports;
import io.tributary.core.step.Lake;
import io.tributary.core.step.StepReport;
import io.tributary.core.step.TableStep;
import io.tributary.core.table.TableOutput;
import io.tributary.schemas.TripSchemas;
import io.tributary.transforms.kmeans.AssignToNearestCentroid;
import io.tributary.transforms.kmeans.CentroidModel;
import io.tributary.transforms.kmeans.FeaturePoint;
import io.tributary.transforms.kmeans.FitCentroidsPerKey;
import io.tributary.transforms.kmeans.SaveModels;
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
 * standardised within the region); the models are saved as JSON to {@code models/trips_routes/region=R/}
 * (published after the table commits) and every curated trip gets the nearest route in
 * {@code trips.trip_routes} (overwritten, partitioned by region).
 */
public final class RouteTrips extends TableStep {
  public static final String NAME = "routes";

  private final TripsOptions options;
  /** The models, published beside the tables after they committed. */
  private final Exports files;
  private final String modelsStaging;

  public RouteTrips(TripsOptions options) {
    super(NAME, options);
    this.options = options;
    this.files = new Exports(runId());
    this.modelsStaging = files.stage(TripsTables.models(Lake.root(options)));
  }

  @Override
  protected void build(Pipeline pipeline) {
    if (!tables().hasRows(TripsTables.CURATED)) {
      throw new IllegalStateException("no curated trips in " + TripsTables.CURATED + ": run `tributary trips transform` first");
    }
    PCollection<Row> trips = pipeline
        .apply("ReadCurated", tables().read(TripsTables.CURATED, Lake.readVersion(options), "run trips transform first"))
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
        .apply("WriteRoutes", tables().write(TableOutput.overwrite(TripsTables.ROUTES)));
  }

  @Override
  protected java.util.List<String> exports() {
    return files.targets();
  }

  @Override
  protected void published(StepReport report) {
    files.publish();
  }

  @Override
  public void abort() {
    try {
      super.abort();
    } finally {
      files.discard();
    }
  }
}
