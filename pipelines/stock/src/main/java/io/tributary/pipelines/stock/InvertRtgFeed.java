package io.tributary.pipelines.stock;

import io.tributary.schemas.StockSchemas;
import io.tributary.transforms.joins.KeyedCoGroup;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

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
    LocalDate stockDay = day;
    return PCollectionTuple.of(KeyedCoGroup.LEFT, input.get(FEED)).and(KeyedCoGroup.RIGHT, input.get(STORE))
        .apply("Invert", KeyedCoGroup.<Row>builder(step)
            .leftKey(r -> normal(r.getString("part_number"))).rightKey(r -> normal(r.getString("custom_label")))
            .resolver((code, feed, store, out) -> invert(stockDay, code, feed, store, out))
            .successTag(STOCK).successSchema(StockSchemas.SUPPLIER_STOCK).failureTag(DEAD_LETTERS)
            .build());
  }

  private static void invert(LocalDate day, String code, List<Row> feed, Iterable<Row> store, KeyedCoGroup.Outcome<Row> out) {
    // One row per distinct label as the store spells it (several store items may share a label).
    TreeSet<String> labels = new TreeSet<>();
    for (Row listing : store) {
      labels.add(listing.getString("custom_label"));
    }
    if (labels.isEmpty()) {
      for (Row row : feed) {
        out.reject(row.getString("source"), row.getInt64("line"), row,
            "RTG code '" + code + "' is no custom_label of the RTG store");
      }
      return;
    }
    for (String label : labels) {
      out.output(Row.withSchema(StockSchemas.SUPPLIER_STOCK)
          .addValues(label, label, "RTG", feed.isEmpty() ? NOT_LISTED : LISTED, day).build());
    }
  }
}
