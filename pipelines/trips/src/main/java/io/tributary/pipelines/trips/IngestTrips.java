package io.tributary.pipelines.trips;

import io.tributary.core.step.Lake;
import io.tributary.core.step.TableStep;
import io.tributary.core.table.TableOutput;
import io.tributary.schemas.TripSchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.ReadSourceLines;
import io.tributary.transforms.jdbc.ReadTableAsLines;
import java.util.Map;
import io.tributary.transforms.io.SourceLine;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Step 1, ingest: CSV files or the JDBC trips table, parsed strictly; good rows appended to
 * {@code trips.raw_trips} (partitioned by ingestion day) with this run's ingestion id and timestamp,
 * rejected rows to {@code trips.dead_letters}; both in one commit per table after the run succeeded.
 * Appending is safe to repeat: {@link TransformTrips} keeps one copy of each trip.
 */
public final class IngestTrips extends TableStep {
  public static final String NAME = "ingest";

  /** Every row read is written or dead-lettered: checked before the commit. */
  @Override
  public boolean balanced() {
    return true;
  }

  private final TripsOptions options;
  private final long ingestionMillis;

  public IngestTrips(TripsOptions options) {
    this(options, System.currentTimeMillis());
  }

  IngestTrips(TripsOptions options, long ingestionMillis) {
    super(NAME, options);
    this.options = options;
    this.ingestionMillis = ingestionMillis;
  }

  @Override
  protected void build(Pipeline pipeline) {
    String source = options.getSource();
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("ingest needs --source=FILE.csv (glob, local or s3://) or --source=jdbc:TABLE");
    }
    String ingestionId = runId();
    boolean jdbc = source.startsWith("jdbc:");
    // Each file's header, checked before anything runs: columns mapped by name in any order, a file
    // without a header read in the canonical order, a header naming only some columns refused.
    Map<String, CsvHeader.Layout> layouts = jdbc ? Map.of()
        : CsvHeader.layouts(source, TripParser.COLUMN_NAMES, true);
    // Records, not lines: a quoted field holding a line break stays one (rejected) record.
    PCollection<SourceLine> lines = jdbc
        // Parallel id ranges, the id as each record's line; datetime in the file format.
        ? pipeline.apply("ReadTable", ReadTableAsLines.of(Lake.jdbcUrl(options), source.substring("jdbc:".length()),
                TripParser.COLUMN_NAMES)
            .partitionedBy("id", options.getJdbcPartitions())
            .timestampsAs(TripParser.DATETIME_PATTERN))
        : pipeline.apply("ReadCsv", ReadSourceLines.from(source).withHeader(TripParser.HEADER).csvRecords()
            .withMaxRecordBytes(options.getMaxRecordBytes()));

    PCollectionTuple parsed = lines.apply("Parse", ParseWithDeadLetters.of(NAME, TripSchemas.RAW_TRIP,
        new TripParser(ingestionId, ingestionMillis, Lake.dates(options), layouts)));

    parsed.get(ParseWithDeadLetters.PARSED).apply("WriteRaw", tables().write(TableOutput.append(TripsTables.RAW)));
    parsed.get(ParseWithDeadLetters.DEAD_LETTERS)
        .apply("WriteDeadLetters", tables().deadLetters(TripsTables.DEAD_LETTERS));
  }
}
