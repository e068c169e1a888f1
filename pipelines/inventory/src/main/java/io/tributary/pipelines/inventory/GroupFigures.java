package io.tributary.pipelines.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * What a group's listings add up to, in whole units (cents, miles, days, 1/10000 of a score point,
 * leads) so that the sums do not depend on the order a runner adds them in; every price is kept
 * (in cents), because the median needs them all. One listing's figures are a group of one.
 *
 * <p>Mutable on purpose: it is the accumulator of {@link Sum}, which lets Spark and Flink add a
 * group's listings up before the shuffle (a few longs a listing cross it, not a whole row).
 */
final class GroupFigures {
  private long[] cents;
  private int count;
  private long mileage;
  private long days;
  private long activity;
  private long leads;

  private GroupFigures(int capacity) {
    this.cents = new long[capacity];
  }

  static GroupFigures empty() {
    return new GroupFigures(4);
  }

  /** One listing: price in dollars (to the cent), mileage, days on market, activity score, leads. */
  static GroupFigures listing(double price, long mileage, int daysOnMarket, double activityScore, long leads) {
    GroupFigures f = new GroupFigures(1);
    f.cents[0] = Math.round(price * 100);
    f.count = 1;
    f.mileage = mileage;
    f.days = daysOnMarket;
    f.activity = Math.round(activityScore * 10_000);
    f.leads = leads;
    return f;
  }

  /**
   * The metric columns of {@code inventory_groups}, in order: active listings, median and mean price,
   * mean mileage and days on market (2 decimals), total and per-listing activity (4), total leads
   * and leads per listing (4); means by exact decimal division of the sums, rounded half up.
   */
  List<Object> metrics() {
    return List.of((long) count, medianPrice(), meanPrice(), ratio(mileage, count, 2), ratio(days, count, 2),
        ratio(activity, 10_000, 4), ratio(activity, 10_000L * count, 4), leads, ratio(leads, count, 4));
  }

  /** Adds {@code other} into this one; {@code other} is left as it was. */
  GroupFigures add(GroupFigures other) {
    if (count + other.count > cents.length) {
      cents = Arrays.copyOf(cents, Math.max(2 * cents.length, count + other.count));
    }
    System.arraycopy(other.cents, 0, cents, count, other.count);
    count += other.count;
    mileage += other.mileage;
    days += other.days;
    activity += other.activity;
    leads += other.leads;
    return this;
  }

  /** The median price: the middle one, or the mean of the two middle ones for an even count. */
  private double medianPrice() {
    long[] sorted = Arrays.copyOf(cents, count);
    Arrays.sort(sorted);
    long twice = count % 2 == 1 ? 2 * sorted[count / 2] : sorted[count / 2 - 1] + sorted[count / 2];
    return ratio(twice, 200, 2);
  }

  private double meanPrice() {
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += cents[i];
    }
    return ratio(sum, 100L * count, 2);
  }

  /** {@code numerator / denominator} rounded half up to {@code scale} decimals. */
  private static double ratio(long numerator, long denominator, int scale) {
    return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), scale, RoundingMode.HALF_UP)
        .doubleValue();
  }

  /** Listings' figures into their group's. */
  static final class Sum extends Combine.CombineFn<GroupFigures, GroupFigures, GroupFigures> {
    @Override
    public GroupFigures createAccumulator() {
      return empty();
    }

    @Override
    public GroupFigures addInput(GroupFigures accumulator, GroupFigures input) {
      return accumulator.add(input);
    }

    /** Adds into the first accumulator (the CombineFn contract allows it) instead of copying all into a new one. */
    @Override
    public GroupFigures mergeAccumulators(Iterable<GroupFigures> accumulators) {
      Iterator<GroupFigures> them = accumulators.iterator();
      if (!them.hasNext()) {
        return empty();
      }
      GroupFigures first = them.next();
      while (them.hasNext()) {
        first.add(them.next());
      }
      return first;
    }

    @Override
    public GroupFigures extractOutput(GroupFigures accumulator) {
      return accumulator;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<GroupFigures> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry, org.apache.beam.sdk.coders.Coder<GroupFigures> input) {
      return new FiguresCoder();
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<GroupFigures> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry registry, org.apache.beam.sdk.coders.Coder<GroupFigures> input) {
      return new FiguresCoder();
    }
  }

  /** The count, the five sums and the prices, as variable-length longs. */
  static final class FiguresCoder extends CustomCoder<GroupFigures> {
    private static final VarLongCoder LONG = VarLongCoder.of();

    @Override
    public void encode(GroupFigures f, OutputStream out) throws IOException {
      LONG.encode((long) f.count, out);
      LONG.encode(f.mileage, out);
      LONG.encode(f.days, out);
      LONG.encode(f.activity, out);
      LONG.encode(f.leads, out);
      for (int i = 0; i < f.count; i++) {
        LONG.encode(f.cents[i], out);
      }
    }

    @Override
    public GroupFigures decode(InputStream in) throws IOException {
      int count = Math.toIntExact(LONG.decode(in));
      GroupFigures f = new GroupFigures(Math.max(count, 1));
      f.count = count;
      f.mileage = LONG.decode(in);
      f.days = LONG.decode(in);
      f.activity = LONG.decode(in);
      f.leads = LONG.decode(in);
      for (int i = 0; i < count; i++) {
        f.cents[i] = LONG.decode(in);
      }
      return f;
    }
  }
}
