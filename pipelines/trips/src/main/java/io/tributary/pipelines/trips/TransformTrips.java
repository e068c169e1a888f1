package io.tributary.pipelines.trips;

import io.tributary.core.step.Lake;
import io.tributary.core.step.TableStep;
import io.tributary.core.table.TableOutput;
import io.tributary.schemas.TripSchemas;
import io.tributary.transforms.dedup.KeepFirstPerKey;
import io.tributary.transforms.metrics.CountAs;
import java.util.Comparator;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Step 2, transform: all raw trips, one row per trip (the earliest ingestion wins), committed as
 * the new content of {@code trips.curated_trips} (partitioned by region and day) in one snapshot.
 */
public final class TransformTrips extends TableStep {
  public static final String NAME = "transform";

  /** Earliest ingestion first; the ingestion id breaks ties between runs started the same millisecond. */
  static final SerializableComparator<Row> EARLIEST_INGESTION =
      (a, b) -> Comparator.<Row, Long>comparing(r -> r.getDateTime("ingestion_timestamp").getMillis())
          .thenComparing(r -> r.getString("ingestion_id"))
          .compare(a, b);

  private final TripsOptions options;

  public TransformTrips(TripsOptions options) {
    super(NAME, options);
    this.options = options;
  }

  @Override
  protected void build(Pipeline pipeline) {
    if (!tables().hasRows(TripsTables.RAW)) {
      throw new IllegalStateException("no raw trips in " + TripsTables.RAW + ": run `tributary trips ingest --source=...` first");
    }
    pipeline
        .apply("ReadRaw", tables().read(TripsTables.RAW, Lake.readVersion(options), "run trips ingest first"))
        .apply("CountRead", CountAs.read(NAME))
        .apply("Dedup", KeepFirstPerKey.of(Trips::key, EARLIEST_INGESTION).withBuckets(options.getDedupBuckets()))
        .apply("Curate", MapElements.into(TypeDescriptors.rows()).via(Trips::curated))
        .setRowSchema(TripSchemas.CURATED_TRIP)
        .apply("WriteCurated", tables().write(TableOutput.overwrite(TripsTables.CURATED)));
  }
}
