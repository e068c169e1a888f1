package io.tributary.core.write;

import io.tributary.transforms.joins.KeyedCoGroup;
import io.tributary.transforms.metrics.StepMetrics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileIO;

/**
 * Upserts rows into a table by a key: a loaded row replaces the stored row of its key wherever that
 * row was (a row that changed partition leaves its old one), new keys are added, stored rows absent
 * from the load stay, unless {@link #replacingLoadedPartitions}, where each partition the load
 * touches becomes exactly the load's rows. A key loaded twice is ambiguous: every copy is a dead
 * letter and the stored row stays.
 *
 * <p>Only the touched partitions are rewritten: their rows (loaded and kept) go to the table's
 * writer, and their list to the commit ({@link io.tributary.core.table.TableOutput.RewritePartitions}),
 * which replaces exactly those partitions, emptied ones included, validated against the snapshot
 * that was read. Obtain one from {@code StepTables.upsert}.
 */
public final class UpsertByKey extends PTransform<PCollection<Row>, PCollectionTuple> {
  /** The rows written into the touched partitions (loaded and kept). */
  public static final TupleTag<Row> WRITTEN = new TupleTag<Row>() {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};

  private final String step;
  private final String tableName;
  private final List<String> keyColumns;
  private final PTransform<PBegin, PCollection<Row>> stored;
  private final WriteTable write;
  private final Table table;
  private final PartitionPaths partitions;
  private final FileIO io;
  private final String partitionsPath;
  private final boolean replaceLoaded;

  private UpsertByKey(String step, String tableName, List<String> keyColumns, PTransform<PBegin, PCollection<Row>> stored,
      WriteTable write, Table table, String partitionsPath, boolean replaceLoaded) {
    this.step = step;
    this.tableName = tableName;
    this.keyColumns = List.copyOf(keyColumns);
    this.stored = stored;
    this.write = write;
    this.table = table;
    this.partitions = new PartitionPaths(table);
    this.io = table.io();
    this.partitionsPath = partitionsPath;
    this.replaceLoaded = replaceLoaded;
  }

  /**
   * {@code stored} reads the table at the snapshot the commit validates against; {@code write} is
   * its declared {@code RewritePartitions} output; {@code table} a serializable copy.
   */
  public static UpsertByKey of(String step, String tableName, List<String> keyColumns,
      PTransform<PBegin, PCollection<Row>> stored, WriteTable write, Table table, String partitionsPath) {
    return new UpsertByKey(step, tableName, keyColumns, stored, write, table, partitionsPath, false);
  }

  /** Each touched partition becomes exactly the load's rows (stored rows absent from the load are dropped). */
  public UpsertByKey replacingLoadedPartitions(boolean replace) {
    return new UpsertByKey(step, tableName, keyColumns, stored, write, table, partitionsPath, replace);
  }

  @Override
  public PCollectionTuple expand(PCollection<Row> incoming) {
    Schema schema = incoming.getSchema();
    PCollection<Row> existing = incoming.getPipeline().apply("ReadStored", stored);
    PartitionPaths paths = partitions;
    PCollection<String> loaded = incoming
        .apply("LoadedPartition", MapElements.into(TypeDescriptors.strings()).via(paths::of))
        .apply("DistinctLoaded", Distinct.create());
    PCollectionView<List<String>> loadedView = loaded.apply("LoadedView", View.asList());

    List<String> keys = keyColumns;
    PCollectionTuple upserted = PCollectionTuple.of(KeyedCoGroup.LEFT, incoming).and(KeyedCoGroup.RIGHT, existing)
        .apply("Upsert", KeyedCoGroup.<Row>builder(step)
            .leftKey(r -> key(r, keys)).rightKey(r -> key(r, keys))
            .resolver(new Upsert(step, tableName, keys, loadedView, paths, replaceLoaded))
            .successTag(Upsert.ROWS).successSchema(schema).failureTag(DEAD_LETTERS)
            .additionalOutput(Upsert.MOVED, StringUtf8Coder.of())
            .sideInput(loadedView)
            // Stored rows must never turn into dead letters (they would vanish from the table).
            .failOnResolverError()
            .build());
    PCollection<Row> rows = upserted.get(Upsert.ROWS);

    PCollection<String> touched = PCollectionList.of(loaded).and(upserted.get(Upsert.MOVED))
        .apply("AllTouched", Flatten.pCollections())
        .apply("DistinctTouched", Distinct.create());
    PCollectionView<List<String>> touchedView = touched.apply("TouchedView", View.asList());
    PCollection<Row> written = rows
        .apply("InTouched", ParDo.of(new KeepTouchedFn(touchedView, paths)).withSideInputs(touchedView))
        .setRowSchema(schema);
    written.apply("Write", write);
    String path = partitionsPath;
    touched.apply("ListForCommit", new WriteListForCommit<>(io, StringUtf8Coder.of(),
        (fileIo, partitions) -> PendingFiles.writePartitions(fileIo, path, new ArrayList<>(new TreeSet<>(partitions)))));
    return PCollectionTuple.of(WRITTEN, written)
        .and(DEAD_LETTERS, upserted.get(DEAD_LETTERS));
  }

  /** The key columns' values, unambiguously joined (a value cannot contain the separator's escape). */
  static String key(Row row, List<String> columns) {
    StringBuilder b = new StringBuilder();
    for (String c : columns) {
      Object v = row.getValue(c);
      b.append(v == null ? "\\N" : String.valueOf(v).replace("\\", "\\\\").replace("|", "\\|")).append('|');
    }
    return b.toString();
  }

  /** One key: the loaded row wins wherever the stored one was; a key loaded twice keeps the stored row. */
  private static final class Upsert implements KeyedCoGroup.Resolver<Row> {
    static final TupleTag<Row> ROWS = new TupleTag<Row>() {};
    static final TupleTag<String> MOVED = new TupleTag<String>() {};

    private final String tableName;
    private final List<String> keyColumns;
    private final PCollectionView<List<String>> loadedView;
    private final PartitionPaths paths;
    private final boolean replaceLoaded;
    private final StepMetrics metrics;
    private final Counter inserted;
    private final Counter updated;
    private final Counter dropped;
    /** The loaded partitions as a set; the job runs in the global window, so one per instance. */
    private transient Set<String> replaced;

    Upsert(String step, String tableName, List<String> keyColumns, PCollectionView<List<String>> loadedView,
        PartitionPaths paths, boolean replaceLoaded) {
      this.tableName = tableName;
      this.keyColumns = keyColumns;
      this.loadedView = loadedView;
      this.paths = paths;
      this.replaceLoaded = replaceLoaded;
      this.metrics = StepMetrics.of(step);
      this.inserted = Metrics.counter(step, "rows_inserted");
      this.updated = Metrics.counter(step, "rows_updated");
      this.dropped = Metrics.counter(step, "rows_dropped");
    }

    @Override
    public void resolve(String key, List<Row> loads, Iterable<Row> stored, KeyedCoGroup.Outcome<Row> out) {
      // Several loaded rows of one key are ambiguous: every copy is rejected and the stored row
      // stays (checked here, in the same grouping, to save a shuffle).
      Row loaded = loads.size() == 1 ? loads.get(0) : null;
      if (loads.size() > 1) {
        for (Row r : loads) {
          out.reject(tableName + " load", null, r, tableName + " key " + String.join(", ", keyColumns) + " = '"
              + keyText(r) + "' appears " + loads.size() + " times in the load");
        }
      }
      if (loaded != null) {
        out.output(loaded);
        metrics.written().inc();
        boolean had = false;
        for (Row s : stored) {
          had = true;
          String from = paths.of(s);
          if (!from.equals(paths.of(loaded))) {
            out.output(MOVED, from);
          }
        }
        (had ? updated : inserted).inc();
        return;
      }
      for (Row s : stored) {
        if (replaceLoaded && replaced(out).contains(paths.of(s))) {
          dropped.inc();
        } else {
          out.output(s);
        }
      }
    }

    private String keyText(Row r) {
      List<String> values = new ArrayList<>();
      // (Object): String.valueOf(<T> getValue) would resolve to valueOf(char[]).
      keyColumns.forEach(k -> values.add(String.valueOf((Object) r.getValue(k))));
      return String.join(", ", values);
    }

    private Set<String> replaced(KeyedCoGroup.Outcome<Row> out) {
      if (replaced == null) {
        replaced = new HashSet<>(out.sideInput(loadedView));
      }
      return replaced;
    }
  }

  /** Keeps rows of the partitions being rewritten; the other partitions' files stay as they are. */
  private static final class KeepTouchedFn extends DoFn<Row, Row> {
    private final PCollectionView<List<String>> touchedView;
    private final PartitionPaths paths;
    /** The side input as a set, built once per instance (global window): checked for every row. */
    private transient Set<String> touched;

    KeepTouchedFn(PCollectionView<List<String>> touchedView, PartitionPaths paths) {
      this.touchedView = touchedView;
      this.paths = paths;
    }

    @ProcessElement
    public void process(@Element Row row, ProcessContext c) {
      if (touched == null) {
        touched = new HashSet<>(c.sideInput(touchedView));
      }
      if (touched.contains(paths.of(row))) {
        c.output(row);
      }
    }
  }
}
