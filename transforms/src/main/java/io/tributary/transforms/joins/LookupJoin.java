package io.tributary.transforms.joins;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.metrics.StepMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Enriches each main row with the lookup rows of its key (a supplier's feed row with the products
 * that part number is sold as) and rejects, instead of dropping, what cannot be enriched: a main
 * row with no lookup row, and every copy of a main key that appears more than once (which one is
 * right?), each go to {@link #DEAD_LETTERS} with the reason. Lookup rows no main row asks for are
 * ignored: a lookup table is expected to be wider than one input.
 *
 * <p>Input: a tuple with {@link #MAIN} and {@link #LOOKUP}. Output {@link #JOINED}: each accepted
 * main row with its (one or more) lookup rows. A main schema with {@code source} (string) and
 * {@code line} (int64) fields names its dead letters' origin (a feed file and row) by them.
 */
public final class LookupJoin extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<Row> MAIN = new TupleTag<Row>() {};
  public static final TupleTag<Row> LOOKUP = new TupleTag<Row>() {};
  public static final TupleTag<KV<Row, List<Row>>> JOINED = new TupleTag<KV<Row, List<Row>>>() {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};

  private final String step;
  private final String mainName;
  private final SerializableFunction<Row, String> mainKey;
  private final String lookupName;
  private final SerializableFunction<Row, String> lookupKey;

  private LookupJoin(String step, String mainName, SerializableFunction<Row, String> mainKey,
      String lookupName, SerializableFunction<Row, String> lookupKey) {
    this.step = step;
    this.mainName = mainName;
    this.mainKey = mainKey;
    this.lookupName = lookupName;
    this.lookupKey = lookupKey;
  }

  /**
   * @param step metrics namespace and dead letters' step
   * @param mainName what the main rows are, as dead letters name them ("feed")
   * @param lookupName what the lookup rows are ("product")
   */
  public static LookupJoin of(String step, String mainName, SerializableFunction<Row, String> mainKey,
      String lookupName, SerializableFunction<Row, String> lookupKey) {
    return new LookupJoin(step, mainName, mainKey, lookupName, lookupKey);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    PCollection<Row> main = input.get(MAIN);
    PCollection<Row> lookup = input.get(LOOKUP);
    TupleTag<Row> m = new TupleTag<>();
    TupleTag<Row> l = new TupleTag<>();
    PCollectionTuple out = KeyedPCollectionTuple
        .of(m, main.apply("KeyMain", WithKeys.of(mainKey).withKeyType(TypeDescriptors.strings())))
        .and(l, lookup.apply("KeyLookup", WithKeys.of(lookupKey).withKeyType(TypeDescriptors.strings())))
        .apply("CoGroup", CoGroupByKey.create())
        .apply("Match", ParDo.of(new MatchFn(step, mainName, lookupName, m, l))
            .withOutputTags(JOINED, TupleTagList.of(DEAD_LETTERS)));
    out.get(JOINED).setCoder(KvCoder.of(RowCoder.of(main.getSchema()), ListCoder.of(RowCoder.of(lookup.getSchema()))));
    out.get(DEAD_LETTERS).setRowSchema(DeadLetterSchema.DEAD_LETTER);
    return out;
  }

  private static final class MatchFn extends DoFn<KV<String, CoGbkResult>, KV<Row, List<Row>>> {
    private final String step;
    private final String mainName;
    private final String lookupName;
    private final TupleTag<Row> m;
    private final TupleTag<Row> l;
    private final StepMetrics metrics;

    MatchFn(String step, String mainName, String lookupName, TupleTag<Row> m, TupleTag<Row> l) {
      this.step = step;
      this.mainName = mainName;
      this.lookupName = lookupName;
      this.m = m;
      this.l = l;
      this.metrics = StepMetrics.of(step);
    }

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> group, MultiOutputReceiver out) {
      List<Row> mains = new ArrayList<>();
      group.getValue().getAll(m).forEach(mains::add);
      if (mains.isEmpty()) {
        return;
      }
      List<Row> lookups = new ArrayList<>();
      group.getValue().getAll(l).forEach(lookups::add);
      String reason = mains.size() > 1
          ? mainName + " key '" + group.getKey() + "' appears " + mains.size() + " times"
          : lookups.isEmpty() ? "no " + lookupName + " for " + mainName + " key '" + group.getKey() + "'" : null;
      if (reason == null) {
        out.get(JOINED).output(KV.of(mains.get(0), lookups));
        return;
      }
      for (Row row : mains) {
        metrics.deadLettered().inc();
        boolean located = row.getSchema().hasField("source") && row.getSchema().hasField("line");
        out.get(DEAD_LETTERS).output(DeadLetterSchema.of(step, located ? row.getString("source") : mainName,
            located ? row.getInt64("line") : null, JoinParentChildren.render(row), reason));
      }
    }
  }
}
