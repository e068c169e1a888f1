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

  private static final class AggregateFn extends DoFn<KV<String, Iterable<Row>>, Row> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<Row>> group, OutputReceiver<Row> out) {
      List<Double> prices = new ArrayList<>();
      double mileage = 0;
      double days = 0;
      double activity = 0;
      long leads = 0;
      Row first = null;
      for (Row r : group.getValue()) {
        first = first == null ? r : first;
        prices.add(r.getDouble("mean_price"));
        mileage += r.getDouble("mean_mileage");
        days += r.getDouble("mean_days_on_market");
        activity += r.getDouble("total_activity");
        leads += r.getInt64("total_leads");
      }
      Collections.sort(prices);
      int n = prices.size();
      double median = round(n % 2 == 1 ? prices.get(n / 2) : (prices.get(n / 2 - 1) + prices.get(n / 2)) / 2, 100);
      double sum = 0;
      for (double p : prices) {
        sum += p;
      }
      out.output(Row.withSchema(InventorySchemas.INVENTORY_GROUP)
          .addValues(first.getValue("date"), first.getString("grouping"), first.getString("location_level"),
              first.getString("location"), first.getString("make"), first.getString("model"),
              first.getValue("model_year"), first.getString("body_style"), first.getString("stock_type"))
          .addValues((long) n, median, round(sum / n, 100), round(mileage / n, 100), round(days / n, 100),
              round(activity, 10_000), round(activity / n, 10_000), leads, round((double) leads / n, 10_000))
          .build());
    }

    private static double round(double v, double scale) {
      return Math.round(v * scale) / scale;
    }
  }
}
