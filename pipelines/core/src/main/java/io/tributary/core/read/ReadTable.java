package io.tributary.core.read;

import io.tributary.core.table.IcebergRows;
import io.tributary.transforms.metrics.StepMetrics;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Evaluator;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.parquet.Parquet;

/**
 * Reads a table as Beam rows: the scan is planned on the driver when the graph is built (column
 * projection, a filter for partition pruning and column statistics, a snapshot or a point in time),
 * the planned tasks are spread over the workers, each read with Iceberg's Parquet reader. A row
 * filter only skips row groups in the file, so what is left of it is evaluated per record.
 */
public final class ReadTable extends PTransform<PBegin, PCollection<Row>> {
  /** Which version of the table: the current one, a snapshot id, or the one current at a time. */
  public static final class Version implements Serializable {
    final Long snapshotId;
    final Long asOfMillis;

    private Version(Long snapshotId, Long asOfMillis) {
      this.snapshotId = snapshotId;
      this.asOfMillis = asOfMillis;
    }

    public static Version current() {
      return new Version(null, null);
    }

    public static Version snapshot(long id) {
      return new Version(id, null);
    }

    public static Version asOf(long epochMillis) {
      return new Version(null, epochMillis);
    }

    public boolean isCurrent() {
      return snapshotId == null && asOfMillis == null;
    }

    @Override
    public String toString() {
      return snapshotId != null ? "snapshot " + snapshotId : asOfMillis != null ? "as of " + java.time.Instant.ofEpochMilli(asOfMillis) : "current";
    }
  }

  private final Table table;
  private final Schema schema;
  private final Expression filter;
  private final Version version;
  /** The step whose {@code table_rows_read} counter counts the rows read, or null for none. */
  private final String countedFor;

  private ReadTable(Table table, Schema schema, Expression filter, Version version, String countedFor) {
    this.table = table;
    this.schema = schema;
    this.filter = filter;
    this.version = version;
    this.countedFor = countedFor;
  }

  /** The columns of {@code schema} (a Beam schema whose fields the table has) of the current version. */
  public static ReadTable of(Table table, Schema schema) {
    return new ReadTable(table, schema, Expressions.alwaysTrue(), Version.current(), null);
  }

  public ReadTable where(Expression filter) {
    return new ReadTable(table, schema, filter, version, countedFor);
  }

  public ReadTable at(Version version) {
    return new ReadTable(table, schema, filter, version, countedFor);
  }

  /** Counts the rows read (after the filter) in {@code step}'s {@code table_rows_read} counter. */
  public ReadTable countedFor(String step) {
    return new ReadTable(table, schema, filter, version, step);
  }

  /** The planned tasks; none for a table without a snapshot yet. */
  public List<FileScanTask> plan() {
    if (table.currentSnapshot() == null) {
      return List.of();
    }
    TableScan scan = table.newScan().select(schema.getFieldNames()).filter(filter);
    if (version.snapshotId != null) {
      scan = scan.useSnapshot(version.snapshotId);
    } else if (version.asOfMillis != null) {
      scan = scan.asOfTime(version.asOfMillis);
    }
    List<FileScanTask> tasks = new ArrayList<>();
    try (CloseableIterable<FileScanTask> planned = scan.planFiles()) {
      planned.forEach(tasks::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plan a read of " + table.name(), e);
    }
    return tasks;
  }

  @Override
  public PCollection<Row> expand(PBegin input) {
    List<FileScanTask> tasks = plan();
    org.apache.iceberg.Schema projection = table.schema().select(schema.getFieldNames());
    List<PlannedTask> planned0 = new ArrayList<>();
    tasks.forEach(t -> planned0.add(new PlannedTask(t)));
    PCollection<PlannedTask> planned = planned0.isEmpty()
        ? input.apply("NoFiles", Create.empty(SerializableCoder.of(PlannedTask.class)))
        : input.apply("Tasks", Create.of(planned0).withCoder(SerializableCoder.of(PlannedTask.class)))
            .apply("Spread", Reshuffle.viaRandomKey());
    return planned
        .apply("ReadFiles", ParDo.of(new ReadTaskFn(table.io(), projection, schema, countedFor)))
        .setRowSchema(schema);
  }

  /** A planned task, equal to another by the split it reads (Beam compares elements this way). */
  static final class PlannedTask implements Serializable {
    final FileScanTask task;

    PlannedTask(FileScanTask task) {
      this.task = task;
    }

    private String id() {
      return task.file().path() + "@" + task.start() + "+" + task.length();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof PlannedTask && ((PlannedTask) o).id().equals(id());
    }

    @Override
    public int hashCode() {
      return id().hashCode();
    }
  }

  private static final class ReadTaskFn extends DoFn<PlannedTask, Row> {
    private final FileIO io;
    private final org.apache.iceberg.Schema projection;
    private final Schema schema;
    private final StepMetrics metrics;

    ReadTaskFn(FileIO io, org.apache.iceberg.Schema projection, Schema schema, String countedFor) {
      this.io = io;
      this.projection = projection;
      this.schema = schema;
      this.metrics = countedFor == null ? null : StepMetrics.of(countedFor);
    }

    /** Workers' copies of the table hold their own FileIO (S3FileIO warns when one is left unclosed). */
    @Teardown
    public void closeIo() {
      io.close();
    }

    @ProcessElement
    public void process(@Element PlannedTask planned, OutputReceiver<Row> out) throws IOException {
      FileScanTask task = planned.task;
      Expression residual = task.residual();
      Evaluator keep = residual.equals(Expressions.alwaysTrue()) ? null
          : new Evaluator(projection.asStruct(), residual, true);
      long read = 0;
      try (CloseableIterable<Record> records = Parquet.read(io.newInputFile(task.file().path().toString()))
          .project(projection)
          .split(task.start(), task.length())
          .filter(residual)
          .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(projection, fileSchema))
          .build()) {
        for (Record record : records) {
          if (keep == null || keep.eval(new org.apache.iceberg.data.InternalRecordWrapper(projection.asStruct()).wrap(record))) {
            out.output(IcebergRows.row(record, schema));
            read++;
          }
        }
      }
      if (metrics != null) {
        metrics.tableRead().inc(read);
      }
    }
  }
}
