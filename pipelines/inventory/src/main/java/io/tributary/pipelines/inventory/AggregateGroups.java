package io.tributary.pipelines.inventory;

import io.tributary.schemas.InventorySchemas;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

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

  /** A group's name: the first nine columns of {@code inventory_groups}. */
  static final Schema GROUP = Schema.builder()
      .addFields(InventorySchemas.INVENTORY_GROUP.getFields().subList(0, 9))
      .build();

  @Override
  public PCollection<Row> expand(PCollection<Row> listings) {
    return listings
        .apply("IntoGroups", ParDo.of(new IntoGroupsFn(sets, zipToDma)).withSideInputs(zipToDma))
        .setCoder(KvCoder.of(RowCoder.of(GROUP), new GroupFigures.FiguresCoder()))
        .apply("SumPerGroup", Combine.perKey(new GroupFigures.Sum()))
        .apply("GroupRows", MapElements.into(TypeDescriptors.rows()).via(AggregateGroups::groupRow))
        .setRowSchema(InventorySchemas.INVENTORY_GROUP);
  }

  /**
   * Each listing once per group it falls in: the group's name, and the listing's figures (a group of
   * one).
   */
  private static final class IntoGroupsFn extends DoFn<Row, KV<Row, GroupFigures>> {
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
          Row.Builder group = Row.withSchema(GROUP).addValues(day, String.join(",", set), level, location);
          for (String a : InventorySchemas.GROUP_ATTRIBUTES) {
            group.addValue(set.contains(a) ? l.getValue(a) : null);
          }
          // A fresh figures object per output: a runner may hold on to what was output.
          c.output(KV.of(group.build(), GroupFigures.listing(l.getDouble("price"), l.getInt64("mileage"),
              l.getInt32("days_on_market"), l.getDouble("activity_score"), l.getInt64("total_leads"))));
        }
      }
    }
  }

  /** The group's name, then its metrics. */
  private static Row groupRow(KV<Row, GroupFigures> group) {
    return Row.withSchema(InventorySchemas.INVENTORY_GROUP)
        .addValues(group.getKey().getValues())
        .addValues(group.getValue().metrics())
        .build();
  }
}
