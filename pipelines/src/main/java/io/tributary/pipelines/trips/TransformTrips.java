package io.tributary.pipelines.trips;

import io.tributary.pipelines.Lake;
import io.tributary.pipelines.PipelineStep;
import io.tributary.schemas.TripSchemas;
import io.tributary.transforms.dedup.KeepFirstPerKey;
import io.tributary.transforms.lake.PartitionPath;
import io.tributary.transforms.lake.ReadParquetRows;
import io.tributary.transforms.lake.ReplaceDirectory;
import io.tributary.transforms.lake.WriteParquetPartitions;
import io.tributary.transforms.metrics.CountAs;
import java.util.Comparator;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Step 2, transform: all raw trips, one row per trip (the earliest ingestion wins), published as
 * {@code curated/trips/region=R/date=D/} by swapping in a fully written staging folder.
 */
public final class TransformTrips implements PipelineStep {
  public static final String NAME = "transform";

  /** Earliest ingestion first; the ingestion id breaks ties between runs started the same millisecond. */
  static final SerializableComparator<Row> EARLIEST_INGESTION =
      (a, b) -> Comparator.<Row, Long>comparing(r -> r.getDateTime("ingestion_timestamp").getMillis())
          .thenComparing(r -> r.getString("ingestion_id"))
          .compare(a, b);

  private final TripsOptions options;
  private final TripsLake lake;
  private final String staging;

  public TransformTrips(TripsOptions options) {
    this.options = options;
    this.lake = new TripsLake(options);
    this.staging = ReplaceDirectory.staging(lake.curated, Lake.runId(options));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void expand(Pipeline pipeline) {
    if (!ReadParquetRows.anyMatch(lake.rawFiles())) {
      throw new IllegalStateException("no raw trips under " + lake.raw + ": run `tributary trips ingest --source=...` first");
    }
    pipeline
        .apply("ReadRaw", ReadParquetRows.from(lake.rawFiles(), TripSchemas.RAW_TRIP))
        .apply("CountRead", CountAs.read(NAME))
        .apply("Dedup", KeepFirstPerKey.of(Trips::key, EARLIEST_INGESTION).withBuckets(options.getDedupBuckets()))
        .apply("Curate", MapElements.into(TypeDescriptors.rows()).via(Trips::curated))
        .setRowSchema(TripSchemas.CURATED_TRIP)
        .apply("WriteCurated", WriteParquetPartitions.to(NAME, staging, Lake.runId(options),
            row -> PartitionPath.segment("region", row.getString("region")) + "/"
                + PartitionPath.segment("date", Trips.date(row))));
  }

  @Override
  public void commit() {
    ReplaceDirectory.commit(staging, lake.curated);
  }

  @Override
  public void abort() {
    ReplaceDirectory.discard(staging);
  }
}
