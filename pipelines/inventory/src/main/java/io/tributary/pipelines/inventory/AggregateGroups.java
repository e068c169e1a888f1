package io.tributary.pipelines.inventory;

import io.tributary.schemas.InventorySchemas;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;

/**
 * The day's groups: each active listing (with its activity in the group window) counts in one
 * group per grouping set and location level: its zip code, and its zip's DMA from {@code zip_dma}
 * (a side input: a few tens of thousands of rows), or {@code unknown} for a zip the table lacks.
 * Per group: active listings, median price (the mean of the two middle prices for an even count),
 * mean price, mileage and days on market, total and per-listing activity score, total leads and
 * leads per listing. Means rounded to 2 decimals, activity to 4.
 *
 * <p>Input: rows of {@link #LISTING} (active listing fields plus activity_score and total_leads).
 */
final class AggregateGroups extends PTransform<PCollection<Row>, PCollection<Row>> {
  /** What one listing brings to its groups. */
  static final Schema LISTING = Schema.builder()
      .addFields(InventorySchemas.ACTIVE_LISTING.getFields())
      .addDoubleField("activity_score")
      .addInt64Field("total_leads")
      .build();

  static final String UNKNOWN_DMA = "unknown";

  private final GroupingSets sets;
  private final PCollectionView<Map<String, String>> zipToDma;

  AggregateGroups(GroupingSets sets, PCollectionView<Map<String, String>> zipToDma) {
    this.sets = sets;
    this.zipToDma = zipToDma;
  }

  @Override
  public PCollection<Row> expand(PCollection<Row> listings) {
    return listings
        .apply("IntoGroups", ParDo.of(new IntoGroupsFn(sets, zipToDma)).withSideInputs(zipToDma))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), RowCoder.of(InventorySchemas.INVENTORY_GROUP)))
        .apply("ByGroup", GroupByKey.create())
        .apply("Aggregate", ParDo.of(new AggregateFn()))
        .setRowSchema(InventorySchemas.INVENTORY_GROUP);
  }

  /**
   * Each listing once per group it falls in, keyed by the group; the value is an INVENTORY_GROUP row
   * naming the group, with the listing's own values in the metric columns (count 1).
   */
  private static final class IntoGroupsFn extends DoFn<Row, KV<String, Row>> {
    private final GroupingSets sets;
    private final PCollectionView<Map<String, String>> zipToDma;

    IntoGroupsFn(GroupingSets sets, PCollectionView<Map<String, String>> zipToDma) {
      this.sets = sets;
      this.zipToDma = zipToDma;
    }

    @ProcessElement
    public void process(@Element Row l, ProcessContext c) {
      String dma = c.sideInput(zipToDma).getOrDefault(l.getString("zip_code"), UNKNOWN_DMA);
      LocalDate day = l.getLogicalTypeValue("date", LocalDate.class);
      for (List<String> set : sets.sets) {
        for (String level : GroupingSets.LOCATION_LEVELS) {
          String location = level.equals("zip") ? l.getString("zip_code") : dma;
          List<Object> attributes = new ArrayList<>();
          StringBuilder key = new StringBuilder(day + "|" + String.join(",", set) + "|" + level + "|" + location);
          for (String a : InventorySchemas.GROUP_ATTRIBUTES) {
            Object v = set.contains(a) ? l.getValue(a) : null;
            attributes.add(v);
            key.append('|').append(v == null ? "" : v.toString().replace("|", "||"));
          }
          Row.Builder g = Row.withSchema(InventorySchemas.INVENTORY_GROUP)
              .addValues(day, String.join(",", set), level, location).addValues(attributes);
          g.addValues(1L, l.getDouble("price"), l.getDouble("price"), (double) l.getInt64("mileage"),
              (double) l.getInt32("days_on_market"), l.getDouble("activity_score"), l.getDouble("activity_score"),
              l.getInt64("total_leads"), (double) l.getInt64("total_leads"));
          c.output(KV.of(key.toString(), g.build()));
        }
      }
    }
  }

  /**
   * Sums in whole units (cents, miles, days, 1/10000 of a score point), means by exact decimal
   * division rounded half up: the result does not depend on the order a runner adds rows in.
   */
  private static final class AggregateFn extends DoFn<KV<String, Iterable<Row>>, Row> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> group, OutputReceiver<Row> out) {
      List<Long> cents = new ArrayList<>();
      long mileage = 0;
      long days = 0;
      long activity = 0;
      long leads = 0;
      Row first = null;
      for (Row r : group.getValue()) {
        first = first == null ? r : first;
        cents.add(Math.round(r.getDouble("mean_price") * 100));
        mileage += Math.round(r.getDouble("mean_mileage"));
        days += Math.round(r.getDouble("mean_days_on_market"));
        activity += Math.round(r.getDouble("total_activity") * 10_000);
        leads += r.getInt64("total_leads");
      }
      Collections.sort(cents);
      int n = cents.size();
      long priceSum = 0;
      for (long c : cents) {
        priceSum += c;
      }
      long medianTwice = n % 2 == 1 ? 2 * cents.get(n / 2) : cents.get(n / 2 - 1) + cents.get(n / 2);
      out.output(Row.withSchema(InventorySchemas.INVENTORY_GROUP)
          .addValues(first.getValue("date"), first.getString("grouping"), first.getString("location_level"),
              first.getString("location"), first.getString("make"), first.getString("model"),
              first.getValue("model_year"), first.getString("body_style"), first.getString("stock_type"))
          .addValues((long) n, ratio(medianTwice, 200, 2), ratio(priceSum, 100L * n, 2), ratio(mileage, n, 2),
              ratio(days, n, 2), ratio(activity, 10_000, 4), ratio(activity, 10_000L * n, 4), leads, ratio(leads, n, 4))
          .build());
    }

    /** {@code numerator / denominator} rounded half up to {@code scale} decimals. */
    private static double ratio(long numerator, long denominator, int scale) {
      return java.math.BigDecimal.valueOf(numerator)
          .divide(java.math.BigDecimal.valueOf(denominator), scale, java.math.RoundingMode.HALF_UP).doubleValue();
    }
  }
}
