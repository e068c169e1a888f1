package io.tributary.pipelines.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.Row;

/**
 * One listing's counts per day and kind ({@link ComputeActivity#KINDS}), summed by {@link Sum}: a
 * {@code Combine.perKey}, so runners add a listing's counts up before the shuffle and the windows
 * step receives one row per listing instead of one per listing, day and kind. Each count enters the
 * combine packed in one long ({@link #pack}): runners sort and copy every one of them (Flink sorts
 * its combiner input), and a varint long costs a fraction of a Row there. Output rows ({@link
 * #SCHEMA}): the days (epoch days, ascending) and, for each, {@code KINDS.size()} counts in kind
 * order, flattened.
 */
final class DailyCounts {
  static final Schema SCHEMA = Schema.builder()
      .addInt64Field("listing_id")
      .addArrayField("days", Schema.FieldType.INT64)
      .addArrayField("counts", Schema.FieldType.INT64)
      .build();

  private static final int KINDS = ComputeActivity.KINDS.size();
  // Packed: epoch day (29 bits) | kind (4 bits) | count (30 bits: the parser's MAX_COUNT is 1e9).
  private static final int COUNT_BITS = 30;
  private static final int KIND_BITS = 4;
  private static final long MAX_EPOCH_DAY = (1L << 29) - 1;

  /** epoch day -> counts per kind */
  final TreeMap<Long, long[]> days = new TreeMap<>();

  /** A count row ({@code InventorySchemas.IMPRESSION}) as one long: its day, kind and count. */
  static long pack(Row count) {
    Integer kind = ComputeActivity.KIND_INDEX.get(count.getString("kind"));
    long day = count.getLogicalTypeValue("date", LocalDate.class).toEpochDay();
    long n = count.getInt64("count");
    // The parser's ranges keep these in bounds; out of them is a bug, not a bad row.
    if (kind == null || day < 0 || day > MAX_EPOCH_DAY || n < 0 || n >= 1L << COUNT_BITS) {
      throw new IllegalArgumentException("cannot pack " + count);
    }
    return day << (KIND_BITS + COUNT_BITS) | (long) kind << COUNT_BITS | n;
  }

  void add(long packed) {
    long day = packed >>> (KIND_BITS + COUNT_BITS);
    int kind = (int) (packed >>> COUNT_BITS) & ((1 << KIND_BITS) - 1);
    days.computeIfAbsent(day, d -> new long[KINDS])[kind] += packed & ((1L << COUNT_BITS) - 1);
  }

  void addAll(DailyCounts other) {
    for (Map.Entry<Long, long[]> d : other.days.entrySet()) {
      long[] mine = days.computeIfAbsent(d.getKey(), k -> new long[KINDS]);
      for (int k = 0; k < KINDS; k++) {
        mine[k] += d.getValue()[k];
      }
    }
  }

  /** This listing's counts as a row of {@link #SCHEMA}. */
  Row toRow(long listingId) {
    List<Long> dayList = new ArrayList<>(days.size());
    List<Long> counts = new ArrayList<>(days.size() * KINDS);
    for (Map.Entry<Long, long[]> d : days.entrySet()) {
      dayList.add(d.getKey());
      for (long c : d.getValue()) {
        counts.add(c);
      }
    }
    // attachValues: the values are built here to the schema (build() would walk both arrays again).
    return Row.withSchema(SCHEMA).attachValues(listingId, dayList, counts);
  }

  /** A row of {@link #SCHEMA} back to day -> counts per kind. */
  static TreeMap<LocalDate, long[]> fromRow(Row row) {
    TreeMap<LocalDate, long[]> daily = new TreeMap<>();
    List<Long> days = new ArrayList<>(row.getArray("days"));
    List<Long> counts = new ArrayList<>(row.getArray("counts"));
    for (int d = 0; d < days.size(); d++) {
      long[] c = new long[KINDS];
      for (int k = 0; k < KINDS; k++) {
        c[k] = counts.get(d * KINDS + k);
      }
      daily.put(LocalDate.ofEpochDay(days.get(d)), c);
    }
    return daily;
  }

  /** Packed counts ({@link #pack}) of one listing -> its {@link DailyCounts}. */
  static final class Sum extends Combine.CombineFn<Long, DailyCounts, DailyCounts> {
    @Override
    public DailyCounts createAccumulator() {
      return new DailyCounts();
    }

    @Override
    public DailyCounts addInput(DailyCounts acc, Long packed) {
      acc.add(packed);
      return acc;
    }

    @Override
    public DailyCounts mergeAccumulators(Iterable<DailyCounts> accumulators) {
      DailyCounts merged = new DailyCounts();
      accumulators.forEach(merged::addAll);
      return merged;
    }

    @Override
    public DailyCounts extractOutput(DailyCounts acc) {
      return acc;
    }

    @Override
    public Coder<DailyCounts> getDefaultOutputCoder(CoderRegistry registry, Coder<Long> inputCoder) {
      return new AccumulatorCoder();
    }

    @Override
    public Coder<DailyCounts> getAccumulatorCoder(CoderRegistry registry, Coder<Long> inputCoder) {
      return new AccumulatorCoder();
    }
  }

  /** Days and counts as variable-length longs: the accumulators are what the runner shuffles. */
  static final class AccumulatorCoder extends AtomicCoder<DailyCounts> {
    private static final VarLongCoder LONGS = VarLongCoder.of();

    @Override
    public void encode(DailyCounts value, OutputStream out) throws IOException {
      LONGS.encode((long) value.days.size(), out);
      for (Map.Entry<Long, long[]> d : value.days.entrySet()) {
        LONGS.encode(d.getKey(), out);
        for (long c : d.getValue()) {
          LONGS.encode(c, out);
        }
      }
    }

    @Override
    public DailyCounts decode(InputStream in) throws IOException {
      DailyCounts value = new DailyCounts();
      long n = LONGS.decode(in);
      for (long i = 0; i < n; i++) {
        long day = LONGS.decode(in);
        long[] counts = new long[KINDS];
        for (int k = 0; k < KINDS; k++) {
          counts[k] = LONGS.decode(in);
        }
        value.days.put(day, counts);
      }
      return value;
    }
  }
}
