package io.tributary.pipelines.stock;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.joins.JoinParentChildren;
import io.tributary.transforms.metrics.StepMetrics;
import java.time.LocalDate;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * RTG's feed lists what is out of stock. Every custom_label of the RTG store rows (ebay_store = RTG,
 * supplier = RTG) gets a supplier_stock row: quantity 0 when the feed lists it, 20 when it does not;
 * part_number = custom_label. Labels and codes are compared trimmed and upper-cased. A listed code
 * that is no RTG store label is dead-lettered (nothing to set it on: a typo or a delisted item).
 *
 * <p>Input: {@link #FEED} (feed rows) and {@link #STORE} (store rows); output {@link #STOCK}
 * (supplier_stock rows) and {@link #DEAD_LETTERS}.
 */
final class InvertRtgFeed extends PTransform<PCollectionTuple, PCollectionTuple> {
  static final TupleTag<Row> FEED = new TupleTag<Row>() {};
  static final TupleTag<Row> STORE = new TupleTag<Row>() {};
  static final TupleTag<Row> STOCK = new TupleTag<Row>() {};
  static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};
  static final int LISTED = 0;
  static final int NOT_LISTED = 20;

  private final String step;
  private final LocalDate day;

  InvertRtgFeed(String step, LocalDate day) {
    this.step = step;
    this.day = day;
  }

  static String normal(String label) {
    return label.trim().toUpperCase(Locale.ROOT);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    TupleTag<Row> f = new TupleTag<>();
    TupleTag<Row> s = new TupleTag<>();
    PCollectionTuple out = KeyedPCollectionTuple
        .of(f, input.get(FEED).apply("KeyFeed",
            WithKeys.of((Row r) -> normal(r.getString("part_number"))).withKeyType(TypeDescriptors.strings())))
        .and(s, input.get(STORE).apply("KeyStore",
            WithKeys.of((Row r) -> normal(r.getString("custom_label"))).withKeyType(TypeDescriptors.strings())))
        .apply("CoGroup", CoGroupByKey.create())
        .apply("Invert", ParDo.of(new InvertFn(step, day, f, s)).withOutputTags(STOCK, TupleTagList.of(DEAD_LETTERS)));
    out.get(STOCK).setRowSchema(StockSchemas.SUPPLIER_STOCK);
    out.get(DEAD_LETTERS).setRowSchema(DeadLetterSchema.DEAD_LETTER);
    return out;
  }

  private static final class InvertFn extends DoFn<KV<String, CoGbkResult>, Row> {
    private final String step;
    private final LocalDate day;
    private final TupleTag<Row> f;
    private final TupleTag<Row> s;
    private final StepMetrics metrics;

    InvertFn(String step, LocalDate day, TupleTag<Row> f, TupleTag<Row> s) {
      this.step = step;
      this.day = day;
      this.f = f;
      this.s = s;
      this.metrics = StepMetrics.of(step);
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      boolean listed = group.getValue().getAll(f).iterator().hasNext();
      // One row per distinct label as the store spells it (several store items may share a label).
      TreeSet<String> labels = new TreeSet<>();
      for (Row store : group.getValue().getAll(s)) {
        labels.add(store.getString("custom_label"));
      }
      if (labels.isEmpty()) {
        for (Row feed : group.getValue().getAll(f)) {
          metrics.deadLettered().inc();
          out.get(DEAD_LETTERS).output(DeadLetterSchema.of(step, feed.getString("source"), feed.getInt64("line"),
              JoinParentChildren.render(feed), "RTG code '" + group.getKey() + "' is no custom_label of the RTG store"));
        }
        return;
      }
      for (String label : labels) {
        out.get(STOCK).output(Row.withSchema(StockSchemas.SUPPLIER_STOCK)
            .addValues(label, label, "RTG", listed ? LISTED : NOT_LISTED, day).build());
      }
    }
  }
}
