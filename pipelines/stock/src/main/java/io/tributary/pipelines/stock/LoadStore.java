package io.tributary.pipelines.stock;

import io.tributary.core.table.TableOutput;
import io.tributary.core.write.UpsertByKey;
import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.io.ReadTabular;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * {@code stock load-store}: the weekly store export upserted into {@code stock.store} by item_id
 * ({@link UpsertByKey}): a loaded item replaces the stored one wherever it was (an item that changed
 * store or supplier leaves its old partition), new items are added, stored items absent from the
 * load stay, unless {@code --replacePartition}, where each loaded (ebay_store, supplier) partition
 * becomes exactly the load's rows. Only the partitions the load touches are rewritten, in one
 * snapshot validated against the one read: a store load committed meanwhile fails this one.
 */
public final class LoadStore extends StockStep {
  public static final String NAME = "load-store";

  /** Every row read is written or dead-lettered: checked before the commit. */
  @Override
  public boolean balanced() {
    return true;
  }

  private final StockOptions options;

  public LoadStore(StockOptions options) {
    super(NAME, options, StockTables.STORE);
    if (options.getSource() == null || options.getSource().isBlank()) {
      throw new IllegalArgumentException("load-store needs --source=FILE.csv or FILE.xlsx (columns "
          + String.join(", ", StockSchemas.STORE.getFieldNames()) + ")");
    }
    this.options = options;
  }

  @Override
  protected void build(Pipeline pipeline) {
    PTransform<PCollection<Row>, PDone> deadLetters = tables().deadLetters(StockTables.DEAD_LETTERS);
    PCollectionTuple parsed = pipeline.apply("Read", ReadTabular.from(NAME, options.getSource(), StockSchemas.STORE));
    PCollectionTuple upserted = parsed.get(ParseWithDeadLetters.PARSED).apply("Upsert",
        tables().upsert(TableOutput.rewritePartitions(StockTables.STORE).refusingEmpty(), List.of("item_id"))
            .replacingLoadedPartitions(options.getReplacePartition()));
    PCollectionList.of(parsed.get(ParseWithDeadLetters.DEAD_LETTERS)).and(upserted.get(UpsertByKey.DEAD_LETTERS))
        .apply("AllDeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", deadLetters);
  }

  @Override
  protected String whenRefused() {
    return "no valid store row in " + options.getSource() + " (its rejects are in " + StockTables.DEAD_LETTERS + ")";
  }
}
