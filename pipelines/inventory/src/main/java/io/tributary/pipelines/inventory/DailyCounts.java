package io.tributary.pipelines.inventory;

import io.tributary.schemas.InventorySchemas;
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
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.Row;

/**
 * One listing's counts per day and kind ({@link ComputeActivity#KINDS}), summed by {@link Sum}: a
 * {@code Combine.perKey}, so runners add a listing's rows up before the shuffle (Spark and Flink
 * combine on the map side) and the windows step receives one row per listing instead of one per
 * listing, day and kind. Output rows ({@link #SCHEMA}): the days (epoch days, ascending) and, for
 * each, {@code KINDS.size()} counts in kind order, flattened.
 */
final class DailyCounts {
  static final Schema SCHEMA = Schema.builder()
      .addInt64Field("listing_id")
      .addArrayField("days", Schema.FieldType.INT64)
      .addArrayField("counts", Schema.FieldType.INT64)
      .build();

  private static final int KINDS = ComputeActivity.KINDS.size();
  private static final Map<String, Integer> KIND_INDEX = kindIndex();

  /** epoch day -> counts per kind */
  final TreeMap<Long, long[]> days = new TreeMap<>();

  private static Map<String, Integer> kindIndex() {
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int k = 0; k < KINDS; k++) {
      index.put(ComputeActivity.KINDS.get(k), k);
    }
    return index;
  }

  void add(long epochDay, int kind, long count) {
    days.computeIfAbsent(epochDay, d -> new long[KINDS])[kind] += count;
  }

  void addAll(DailyCounts other) {
    for (Map.Entry<Long, long[]> d : other.days.entrySet()) {
      long[] mine = days.computeIfAbsent(d.getKey(), k -> new long[KINDS]);
      for (int k = 0; k < KINDS; k++) {
        mine[k] += d.getValue()[k];
      }
    }
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

  /** Count rows ({@code InventorySchemas.IMPRESSION}) of one listing -> one row of {@link #SCHEMA}. */
  static final class Sum extends Combine.CombineFn<Row, DailyCounts, Row> {
    @Override
    public DailyCounts createAccumulator() {
      return new DailyCounts();
    }

    @Override
    public DailyCounts addInput(DailyCounts acc, Row count) {
      Integer kind = KIND_INDEX.get(count.getString("kind"));
      if (kind == null) {
        throw new IllegalArgumentException("unknown kind " + count.getString("kind")); // the parser let it through: a bug
      }
      acc.add(count.getLogicalTypeValue("date", LocalDate.class).toEpochDay(), kind, count.getInt64("count"));
      return acc;
    }

    @Override
    public DailyCounts mergeAccumulators(Iterable<DailyCounts> accumulators) {
      DailyCounts merged = new DailyCounts();
      accumulators.forEach(merged::addAll);
      return merged;
    }

    @Override
    public Row extractOutput(DailyCounts acc) {
      List<Long> days = new ArrayList<>(acc.days.size());
      List<Long> counts = new ArrayList<>(acc.days.size() * KINDS);
      for (Map.Entry<Long, long[]> d : acc.days.entrySet()) {
        days.add(d.getKey());
        for (long c : d.getValue()) {
          counts.add(c);
        }
      }
      // listing_id is set by the caller, who holds the key.
      return Row.withSchema(SCHEMA).addValues(0L, days, counts).build();
    }

    @Override
    public Coder<Row> getDefaultOutputCoder(CoderRegistry registry, Coder<Row> inputCoder) {
      return RowCoder.of(SCHEMA);
    }

    @Override
    public Coder<DailyCounts> getAccumulatorCoder(CoderRegistry registry, Coder<Row> inputCoder) {
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

  static {
    // The schema's kinds and ours agree (a new kind in the schema must be weighted and counted).
    if (!ComputeActivity.KINDS.containsAll(InventorySchemas.IMPRESSION_KINDS)) {
      throw new IllegalStateException("impression kinds out of step with ComputeActivity.KINDS");
    }
  }
}
