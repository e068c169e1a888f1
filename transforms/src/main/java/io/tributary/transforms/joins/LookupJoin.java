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
public final class LookupJoin extends RowWithRowsJoin {
  public static final TupleTag<Row> MAIN = new TupleTag<Row>() {};
  public static final TupleTag<Row> LOOKUP = new TupleTag<Row>() {};
  public static final TupleTag<KV<Row, List<Row>>> JOINED = new TupleTag<KV<Row, List<Row>>>() {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};

  private LookupJoin(String step, String mainName, SerializableFunction<Row, String> mainKey,
      String lookupName, SerializableFunction<Row, String> lookupKey) {
    super(step, mainName, mainKey, lookupName, lookupKey, new Tags(MAIN, LOOKUP, JOINED, DEAD_LETTERS));
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
  KeyedCoGroup.Resolver<KV<Row, List<Row>>> resolver(String main, String lookup) {
    return (key, mains, lookups, out) -> match(main, lookup, key, mains, lookups, out);
  }

  private static void match(String mainName, String lookupName, String key, List<Row> mains, Iterable<Row> lookupRows,
      KeyedCoGroup.Outcome<KV<Row, List<Row>>> out) {
    if (mains.isEmpty()) {
      return;
    }
    List<Row> lookups = new ArrayList<>();
    lookupRows.forEach(lookups::add);
    String reason = mains.size() > 1
        ? mainName + " key '" + key + "' appears " + mains.size() + " times"
        : lookups.isEmpty() ? "no " + lookupName + " for " + mainName + " key '" + key + "'" : null;
    if (reason == null) {
      out.output(KV.of(mains.get(0), lookups));
      return;
    }
    for (Row row : mains) {
      out.reject(mainName, row, reason);
    }
  }
}
