package io.tributary.pipelines.inventory;

import io.tributary.transforms.joins.KeyedCoGroup;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * One active listing per VIN and day: where several listings share a VIN (a car listed twice, by
 * two dealers or by one dealer twice), the most recently updated is kept (on a tie, the lowest
 * listing_id) and the others are dead letters naming the one kept.
 */
final class OnePerVin implements KeyedCoGroup.Resolver<Row> {
  static final Comparator<Row> KEPT_FIRST = Comparator
      .comparing((Row r) -> -r.getDateTime("updated_at").getMillis())
      .thenComparing(r -> r.getInt64("listing_id"));

  @Override
  public void resolve(String dayAndVin, List<Row> listings, Iterable<Row> none, KeyedCoGroup.Outcome<Row> out) {
    listings.sort(KEPT_FIRST);
    Row kept = listings.get(0);
    out.output(kept);
    for (int i = 1; i < listings.size(); i++) {
      Row other = listings.get(i);
      out.reject(ActiveRule.source(other.getLogicalTypeValue("date", LocalDate.class)), null, other,
          "vin " + other.getString("vin") + " is also active as listing_id " + kept.getInt64("listing_id")
              + ", updated later (or equally, with a lower listing_id): that one is kept");
    }
  }
}
