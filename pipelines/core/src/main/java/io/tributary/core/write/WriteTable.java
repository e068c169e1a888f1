package io.tributary.core.write;

import io.tributary.core.table.IcebergRows;
import io.tributary.transforms.metrics.StepMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;

/**
 * Writes rows into Parquet data files of an Iceberg table with Iceberg's own writer, in the workers,
 * without committing anything. Rows are first grouped by their table partition (and one of
 * {@code shardsPerPartition} shards, so a large partition is written by several workers): the file
 * count follows the partitions, not the runner's bundles (the DirectRunner otherwise writes a file
 * per bundle and partition). Files roll at the target size. The list of written files goes to one
 * task that stores it for the driver ({@link PendingFiles}); the driver commits after the pipeline
 * succeeded, or not at all.
 */
public final class WriteTable extends PTransform<PCollection<Row>, PDone> {
  public static final long DEFAULT_TARGET_FILE_BYTES = 128L << 20;

  private final String step;
  private final Table table;
  private final String pendingPath;
  private final String runId;
  private final boolean countWritten;
  private final long targetFileBytes;
  /** Tasks a partition's rows are spread over (each writes its own files); see {@code TableSpec.shards}. */
  private final int shards;

  private WriteTable(String step, Table table, String pendingPath, String runId, boolean countWritten,
      long targetFileBytes, int shards) {
    this.step = step;
    this.table = table;
    this.pendingPath = pendingPath;
    this.runId = runId;
    this.countWritten = countWritten;
    this.targetFileBytes = targetFileBytes;
    this.shards = shards;
  }

  /** {@code table} must be serializable ({@code SerializableTable.copyOf}). */
  public static WriteTable of(String step, Table table, String pendingPath, String runId, boolean countWritten,
      long targetFileBytes, int shards) {
    return new WriteTable(step, table, pendingPath, runId, countWritten, targetFileBytes, shards);
  }


  @Override
  public PDone expand(PCollection<Row> rows) {
    String path = pendingPath;
    rows.apply("ByPartition", ParDo.of(new KeyByPartitionFn(table, shards)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(rows.getSchema())))
        .apply("GroupByPartition", GroupByKey.create())
        .apply("WriteDataFiles", ParDo.of(new WriteFilesFn(step, table, runId, countWritten, targetFileBytes)))
        .setCoder(SerializableCoder.of(WrittenFile.class))
        .apply("ListForCommit", new WriteListForCommit<>(table.io(), SerializableCoder.of(WrittenFile.class),
            (io, written) -> {
              List<DataFile> files = new ArrayList<>();
              written.forEach(w -> files.add(w.file));
              PendingFiles.write(io, path, files);
            }));
    return PDone.in(rows.getPipeline());
  }

  /** Keys a row by its partition path and a shard, computed the way the writer will partition it. */
  private static final class KeyByPartitionFn extends DoFn<Row, KV<String, Row>> {
    private final PartitionPaths partitions;
    private final int shards;

    KeyByPartitionFn(Table table, int shards) {
      this.partitions = new PartitionPaths(table);
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element Row row, OutputReceiver<KV<String, Row>> out) {
      out.output(KV.of(partitions.of(row) + "#" + Math.floorMod(row.hashCode(), shards), row));
    }
  }

  private static final class WriteFilesFn extends DoFn<KV<String, Iterable<Row>>, WrittenFile> {
    private final String step;
    private final Table table;
    private final String runId;
    private final boolean countWritten;
    private final long targetFileBytes;
    private transient GenericAppenderFactory appenders;
    private transient OutputFileFactory files;
    private transient Map<PartitionKey, DataWriter<Record>> writers;
    private transient List<DataFile> done;
    private transient PartitionKey key;
    private transient InternalRecordWrapper wrapper;
    private final StepMetrics metrics;

    WriteFilesFn(String step, Table table, String runId, boolean countWritten, long targetFileBytes) {
      this.step = step;
      this.table = table;
      this.runId = runId;
      this.countWritten = countWritten;
      this.targetFileBytes = targetFileBytes;
      this.metrics = StepMetrics.of(step);
    }

    @StartBundle
    public void start() {
      appenders = new GenericAppenderFactory(table.schema(), table.spec());
      // A random task id per bundle: file names never repeat across bundles, retries or runners.
      files = OutputFileFactory.builderFor(table, ThreadLocalRandom.current().nextInt(1 << 20),
          ThreadLocalRandom.current().nextLong(1L << 40)).format(FileFormat.PARQUET).operationId(runId).build();
      writers = new HashMap<>();
      done = new ArrayList<>();
      key = new PartitionKey(table.spec(), table.schema());
      wrapper = new InternalRecordWrapper(table.schema().asStruct());
    }

    /** Workers' copies of the table hold their own FileIO (S3FileIO warns when one is left unclosed). */
    @Teardown
    public void closeIo() {
      table.io().close();
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> group) {
      for (Row row : group.getValue()) {
        write(row);
      }
      // One group is one partition's shard: its files are complete now.
      for (DataWriter<Record> writer : writers.values()) {
        done.add(close(writer));
      }
      writers.clear();
    }

    private void write(Row row) {
      Record record = IcebergRows.record(row, table.schema());
      key.partition(wrapper.wrap(record));
      DataWriter<Record> writer = writers.get(key);
      if (writer == null) {
        PartitionKey copy = key.copy();
        // Unpartitioned: the no-partition file name (with an empty partition the path got "data//",
        // harmless on disk, but S3 signed the doubled slash differently: 403 on every put).
        writer = table.spec().isUnpartitioned()
            ? appenders.newDataWriter(files.newOutputFile(), FileFormat.PARQUET, null)
            : appenders.newDataWriter(files.newOutputFile(table.spec(), copy), FileFormat.PARQUET, copy);
        writers.put(copy, writer);
      }
      writer.write(record);
      if (countWritten) {
        metrics.written().inc();
      }
      if (writer.length() >= targetFileBytes) {
        done.add(close(writer));
        writers.remove(key);
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext context) {
      for (DataWriter<Record> writer : writers.values()) {
        done.add(close(writer));
      }
      writers.clear();
      for (DataFile file : done) {
        context.output(new WrittenFile(file), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
      done.clear();
    }

    private DataFile close(DataWriter<Record> writer) {
      try {
        writer.close();
      } catch (IOException | RuntimeException e) {
        // Name the file and table: the storage's own error rarely does.
        throw new IllegalStateException("cannot write a data file of " + table.name() + " under " + table.location()
            + ": " + e.getMessage(), e);
      }
      return writer.toDataFile();
    }
  }
}
