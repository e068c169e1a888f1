package io.tributary.pipelines.stock;

import io.tributary.pipelines.StepReport;
import io.tributary.schemas.DeadLetterSchema;
import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.io.ReadTabular;
import io.tributary.transforms.joins.JoinParentChildren;
import io.tributary.transforms.lake.LakeFiles;
import io.tributary.transforms.lake.ReadParquetRows;
import io.tributary.transforms.lake.WriteParquetPartitions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * {@code stock load-store}: the weekly store export upserted into {@code store/ebay_store=E/supplier=S/}
 * by item_id: a loaded item replaces the stored one (wherever it was: an item that changed store or
 * supplier leaves its old partition), new items are added, stored items absent from the load stay,
 * unless {@code --replacePartition}, where each loaded partition becomes exactly the load's rows.
 *
 * <p>Only the partitions that change are rewritten (and kept as a version); the list of them is staged
 * beside the data ({@code _partitions.txt}) because it is only known once the pipeline ran.
 */
public final class LoadStore extends StagedStockStep {
  public static final String NAME = "load-store";
  static final String AFFECTED_FILE = "_partitions.txt";

  private List<String> published = List.of();

  public LoadStore(StockOptions options) {
    super(NAME, required(options), StockLake.STORE, NAME);
  }

  private static StockOptions required(StockOptions options) {
    if (options.getSource() == null || options.getSource().isBlank()) {
      throw new IllegalArgumentException("load-store needs --source=FILE.csv or FILE.xlsx (columns "
          + String.join(", ", StockSchemas.STORE.getFieldNames()) + ")");
    }
    return options;
  }

  static String partitionOf(Row store) {
    return StockLake.storePartition(store.getString("ebay_store"), store.getString("supplier"));
  }

  @Override
  public List<String> partitions() {
    return published;
  }

  @Override
  public void expand(Pipeline pipeline) {
    PCollectionTuple parsed = pipeline.apply("Read", ReadTabular.from(NAME, options.getSource(), StockSchemas.STORE));
    PCollection<Row> incoming = parsed.get(ParseWithDeadLetters.PARSED);

    String stored = lake.files(StockLake.STORE);
    PCollection<Row> existing = ReadParquetRows.anyMatch(stored)
        ? pipeline.apply("ReadStore", ReadParquetRows.from(stored, StockSchemas.STORE))
        : pipeline.apply("NoStore", Create.empty(RowCoder.of(StockSchemas.STORE)));

    PCollection<String> loaded = incoming
        .apply("LoadedPartition", MapElements.into(TypeDescriptors.strings()).via(LoadStore::partitionOf))
        .apply("DistinctLoaded", Distinct.create());
    PCollectionView<List<String>> loadedView = loaded.apply("LoadedView", View.asList());

    TupleTag<Row> in = new TupleTag<>();
    TupleTag<Row> old = new TupleTag<>();
    PCollectionTuple upserted = KeyedPCollectionTuple
        .of(in, incoming.apply("KeyIncoming", WithKeys.of(LoadStore::itemKey).withKeyType(TypeDescriptors.strings())))
        .and(old, existing.apply("KeyExisting", WithKeys.of(LoadStore::itemKey).withKeyType(TypeDescriptors.strings())))
        .apply("CoGroup", CoGroupByKey.create())
        .apply("Upsert", ParDo.of(new UpsertFn(in, old, loadedView, options.getReplacePartition()))
            .withSideInputs(loadedView).withOutputTags(UpsertFn.ROWS, TupleTagList.of(UpsertFn.MOVED).and(UpsertFn.DEAD)));
    PCollection<Row> rows = upserted.get(UpsertFn.ROWS).setRowSchema(StockSchemas.STORE);

    PCollection<String> affected = PCollectionList.of(loaded).and(upserted.get(UpsertFn.MOVED))
        .apply("AllAffected", Flatten.pCollections())
        .apply("DistinctAffected", Distinct.create());
    PCollectionView<List<String>> affectedView = affected.apply("AffectedView", View.asList());
    rows.apply("InAffected", ParDo.of(new KeepAffectedFn(affectedView)).withSideInputs(affectedView))
        .setRowSchema(StockSchemas.STORE)
        // Runner-sized files per partition (data-SSSSS-of-NNNNN.parquet, "several data.parquet files"
        // as in the seed): one file per partition would gather a whole partition, millions of rows,
        // in one worker's memory (Spark ran out of an 8 GiB heap on a 1 GB store that way).
        .apply("Write", WriteParquetPartitions.to(NAME, staging, runId(), LoadStore::partitionOf)
            .withFileName("data").withShardsPerPartition(0));
    affected.apply("WriteAffected", TextIO.write().to(staging + "/" + AFFECTED_FILE).withoutSharding());

    writeDeadLetters(PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS))
        .and(upserted.get(UpsertFn.DEAD).setRowSchema(DeadLetterSchema.DEAD_LETTER)));
  }

  private static String itemKey(Row row) {
    return String.valueOf(row.getInt64("item_id"));
  }

  @Override
  public void commit(StepReport report) {
    String list = LakeFiles.read(staging + "/" + AFFECTED_FILE);
    List<String> partitions = new ArrayList<>();
    for (String line : list == null ? new String[0] : list.split("\n")) {
      if (!line.isBlank()) {
        partitions.add(line.trim());
      }
    }
    publishDeadLettersOrRefuse(partitions.size(), "no valid store row in " + options.getSource());
    partitions.sort(null);
    LakeFiles.delete(staging + "/" + AFFECTED_FILE);
    table.publish(staging, partitions, runId());
    published = partitions;
  }

  /** Per item_id: the loaded row wins; stored rows stay unless their partition is replaced. */
  private static final class UpsertFn extends DoFn<KV<String, CoGbkResult>, Row> {
    static final TupleTag<Row> ROWS = new TupleTag<Row>() {};
    static final TupleTag<String> MOVED = new TupleTag<String>() {};
    static final TupleTag<Row> DEAD = new TupleTag<Row>() {};

    private final TupleTag<Row> in;
    private final TupleTag<Row> old;
    private final PCollectionView<List<String>> loadedView;
    private final boolean replacePartition;
    private final Counter inserted = Metrics.counter(NAME, "rows_inserted");
    private final Counter updated = Metrics.counter(NAME, "rows_updated");
    private final Counter dropped = Metrics.counter(NAME, "rows_dropped");
    private final Counter deadLettered = io.tributary.transforms.metrics.StepMetrics.of(NAME).deadLettered();

    /** The loaded partitions as a set; the job runs in the global window, so one per instance. */
    private transient Set<String> replaced;

    private Set<String> replaced(ProcessContext c) {
      if (replaced == null) {
        replaced = new HashSet<>(c.sideInput(loadedView));
      }
      return replaced;
    }

    UpsertFn(TupleTag<Row> in, TupleTag<Row> old, PCollectionView<List<String>> loadedView, boolean replacePartition) {
      this.in = in;
      this.old = old;
      this.loadedView = loadedView;
      this.replacePartition = replacePartition;
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> item, ProcessContext c) {
      // The load's rows of this item_id: one is an upsert; several are ambiguous, so every copy is
      // rejected and the stored row stays (checked here, in the same grouping, to save a shuffle).
      List<Row> loads = new ArrayList<>();
      item.getValue().getAll(in).forEach(loads::add);
      if (loads.size() > 1) {
        for (Row r : loads) {
          deadLettered.inc();
          c.output(DEAD, DeadLetterSchema.of(NAME, "store load", null, JoinParentChildren.render(r),
              "store item_id '" + item.getKey() + "' appears " + loads.size() + " times"));
        }
        loads.clear();
      }
      Row loaded = loads.isEmpty() ? null : loads.get(0);
      Iterable<Row> stored = item.getValue().getAll(old);
      if (loaded != null) {
        c.output(loaded);
        boolean had = false;
        for (Row s : stored) {
          had = true;
          if (!partitionOf(s).equals(partitionOf(loaded))) {
            c.output(MOVED, partitionOf(s));
          }
        }
        (had ? updated : inserted).inc();
        return;
      }
      for (Row s : stored) {
        if (replacePartition && replaced(c).contains(partitionOf(s))) {
          dropped.inc();
        } else {
          c.output(s);
        }
      }
    }
  }

  /** Keeps rows of the partitions being rewritten; the others stay untouched on disk. */
  private static final class KeepAffectedFn extends DoFn<Row, Row> {
    private final PCollectionView<List<String>> affectedView;
    /** The side input as a set, built once per instance (global window): checked for every row. */
    private transient Set<String> affected;

    KeepAffectedFn(PCollectionView<List<String>> affectedView) {
      this.affectedView = affectedView;
    }

    @ProcessElement
    public void process(@Element Row row, ProcessContext c) {
      if (affected == null) {
        affected = new HashSet<>(c.sideInput(affectedView));
      }
      if (affected.contains(partitionOf(row))) {
        c.output(row);
      }
    }
  }
}
