package io.tributary.pipelines.inventory;

import io.tributary.schemas.InventorySchemas;
import io.tributary.transforms.joins.KeyedCoGroup;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Per active listing and day, one row per window of W days ending at the day: impressions per
 * kind and leads per kind over days (day - W, day], their totals, the previous window's totals
 * (days (day - 2W, day - W]: {@code prev_total_impressions}, {@code prev_total_leads},
 * {@code prev_wired_leads}), and {@code activity_score} = sum over kinds of weight x count (and the
 * previous window's), rounded to 4 decimals. A listing's counts are summed per day and kind first ({@link
 * DailyCounts}, combined before the shuffle), then meet its active days once.
 *
 * <p>Input: {@link #ACTIVE} (active_listings rows) and {@link #COUNTS} (daily counts, schema
 * {@code InventorySchemas.IMPRESSION}: listing_id, date, kind, count; leads counted as 1 each).
 * Output: {@link #ACTIVITY} and {@link #DEAD_LETTERS} (none expected: a resolver error).
 */
final class ComputeActivity extends PTransform<PCollectionTuple, PCollectionTuple> {
  static final TupleTag<Row> ACTIVE = new TupleTag<Row>() {};
  static final TupleTag<Row> COUNTS = new TupleTag<Row>() {};
  static final TupleTag<Row> ACTIVITY = new TupleTag<Row>() {};
  static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};
  /** Impression kinds, then lead kinds: the order of every count array here and in {@link DailyCounts}. */
  static final List<String> KINDS = kinds();
  /** Kind -> its position in {@link #KINDS}. */
  static final Map<String, Integer> KIND_INDEX = kindIndex();
  private static final int WIRED = KIND_INDEX.get("wired");

  private final String step;
  private final List<Integer> windows;
  private final Weights weights;

  ComputeActivity(String step, List<Integer> windows, Weights weights) {
    this.step = step;
    this.windows = windows;
    this.weights = weights;
  }

  private static List<String> kinds() {
    List<String> kinds = new ArrayList<>(InventorySchemas.IMPRESSION_KINDS);
    kinds.addAll(InventorySchemas.LEAD_KINDS);
    return List.copyOf(kinds);
  }

  private static Map<String, Integer> kindIndex() {
    Map<String, Integer> index = new HashMap<>();
    for (int k = 0; k < KINDS.size(); k++) {
      index.put(KINDS.get(k), k);
    }
    return Map.copyOf(index);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple input) {
    List<Integer> w = windows;
    Weights weighted = weights;
    PCollection<Row> perListing = input.get(COUNTS)
        .apply("PackByListing", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptors.longs()))
            .via((Row c) -> KV.of(c.getInt64("listing_id"), DailyCounts.pack(c))))
        .apply("SumPerListing", Combine.perKey(new DailyCounts.Sum()))
        .apply("AsRow", MapElements.into(TypeDescriptors.rows()).via((KV<Long, DailyCounts> kv) ->
            kv.getValue().toRow(kv.getKey())))
        .setRowSchema(DailyCounts.SCHEMA);
    return PCollectionTuple.of(KeyedCoGroup.LEFT, input.get(ACTIVE)).and(KeyedCoGroup.RIGHT, perListing)
        .apply("Windows", KeyedCoGroup.<Row>builder(step)
            .leftKey(r -> String.valueOf(r.getInt64("listing_id"))).rightKey(r -> String.valueOf(r.getInt64("listing_id")))
            .resolver((listing, active, counts, out) -> windows(active, counts, w, weighted, out))
            .successTag(ACTIVITY).successSchema(InventorySchemas.LISTING_ACTIVITY).failureTag(DEAD_LETTERS)
            .build());
  }

  /** @param counts the listing's {@link DailyCounts} row (none when it had no activity) */
  static void windows(List<Row> active, Iterable<Row> counts, List<Integer> windows, Weights weights,
      KeyedCoGroup.Outcome<Row> out) {
    TreeMap<LocalDate, long[]> daily = new TreeMap<>();
    for (Row c : counts) {
      daily.putAll(DailyCounts.fromRow(c));
    }
    for (Row listing : active) {
      LocalDate day = listing.getLogicalTypeValue("date", LocalDate.class);
      for (int w : windows) {
        long[] cur = sum(daily, day.minusDays(w), day);
        long[] prev = sum(daily, day.minusDays(2L * w), day.minusDays(w));
        out.output(row(listing, day, w, cur, prev, weights));
      }
    }
  }

  /** Counts per kind over the days in (after, upTo]. */
  private static long[] sum(TreeMap<LocalDate, long[]> daily, LocalDate after, LocalDate upTo) {
    long[] total = new long[KINDS.size()];
    for (Map.Entry<LocalDate, long[]> d : daily.subMap(after, false, upTo, true).entrySet()) {
      for (int k = 0; k < total.length; k++) {
        total[k] += d.getValue()[k];
      }
    }
    return total;
  }

  private static Row row(Row listing, LocalDate day, int window, long[] cur, long[] prev, Weights weights) {
    int impressions = InventorySchemas.IMPRESSION_KINDS.size();
    Row.Builder b = Row.withSchema(InventorySchemas.LISTING_ACTIVITY).addValues(day, listing.getInt64("listing_id"), window);
    for (int k = 0; k < impressions; k++) {
      b.addValue(cur[k]);
    }
    b.addValue(total(cur, 0, impressions));
    for (int k = impressions; k < KINDS.size(); k++) {
      b.addValue(cur[k]);
    }
    return b.addValues(total(cur, impressions, KINDS.size()), total(prev, 0, impressions),
        total(prev, impressions, KINDS.size()), prev[WIRED], score(cur, weights), score(prev, weights),
        listing.getInt32("days_on_market")).build();
  }

  private static long total(long[] counts, int from, int to) {
    long t = 0;
    for (int k = from; k < to; k++) {
      t += counts[k];
    }
    return t;
  }

  private static double score(long[] counts, Weights weights) {
    double s = 0;
    for (int k = 0; k < counts.length; k++) {
      s += weights.of(KINDS.get(k)) * counts[k];
    }
    // Rounded to 4 decimals: the same score whatever order a runner added the counts in.
    return Math.round(s * 10_000) / 10_000.0;
  }
}
