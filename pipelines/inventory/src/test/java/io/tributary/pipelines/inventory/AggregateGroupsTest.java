package io.tributary.pipelines.inventory;

import io.tributary.testing.TestPipelineExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The group aggregation alone, grouping set {@code make}; zip_dma maps 10001 and 10002 to DMA 501
 * (99999 is not in it). Listings on 06-04 (price, mileage, days on market, activity score, leads):
 * A 10001 M 10000.00 100 3 1.5 2; B 10001 M 20000.01 201 4 0.25 0; C 10002 M 30000.00 300 10 2.0 0;
 * D 99999 N 5000.50 7 1 0.3333 1; and on 06-05 E 10001 M 10000.00 100 3 1.5 2. Worked by hand:
 *
 * <pre>
 * 06-04 zip 10001 M: A,B  n 2, median (10000.00 + 20000.01) / 2 = 15000.005 -> 15000.01 (half up),
 *                         mean the same, mileage 150.5, days 3.5, activity 1.75 (0.875 each), leads 2 (1.0)
 * 06-04 zip 10002 M: C    30000.0 30000.0 300.0 10.0, 2.0 (2.0), 0 (0.0)
 * 06-04 zip 99999 N: D    5000.5 5000.5 7.0 1.0, 0.3333 (0.3333), 1 (1.0)
 * 06-04 dma 501 M: A,B,C  n 3, median 20000.01, mean 60000.01 / 3 = 20000.0033 -> 20000.0, mileage 601 / 3
 *                         -> 200.33, days 17 / 3 -> 5.67, activity 3.75 (1.25), leads 2 (0.6667)
 * 06-04 dma unknown N: D  as its zip group
 * 06-05 zip 10001 M and dma 501 M: E alone: 10000.0 10000.0 100.0 3.0, 1.5 (1.5), 2 (2.0)
 * </pre>
 *
 * Plus 40 copies of listing F (zip 10003, make Z, 1000.00) in one group, so that a runner adds it up
 * in several parts: n 40, every mean 1000.0, activity 40 x 0.1 = 4.0.
 */
public class AggregateGroupsTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  static Row listing(String day, long id, String zip, String make, double price, long mileage, int days, double score,
      long leads) {
    Instant t = new Instant(0);
    return Row.withSchema(AggregateGroups.LISTING).addValues(LocalDate.parse(day), id, "V" + id, 1L, zip, make, "X",
        2020, null, "sedan", "used", price, mileage, t, t, LocalDate.parse("2024-06-01"), days, score, leads).build();
  }

  @Test
  public void groupsPerZipAndDmaWorkedByHand() {
    List<Row> listings = new ArrayList<>(List.of(
        listing("2024-06-04", 1, "10001", "M", 10000.00, 100, 3, 1.5, 2),
        listing("2024-06-04", 2, "10001", "M", 20000.01, 201, 4, 0.25, 0),
        listing("2024-06-04", 3, "10002", "M", 30000.00, 300, 10, 2.0, 0),
        listing("2024-06-04", 4, "99999", "N", 5000.50, 7, 1, 0.3333, 1),
        listing("2024-06-05", 1, "10001", "M", 10000.00, 100, 3, 1.5, 2)));
    for (int i = 0; i < 40; i++) {
      listings.add(listing("2024-06-04", 100 + i, "10003", "Z", 1000.00, 10, 2, 0.1, 1));
    }
    PCollectionView<Map<String, String>> zipToDma = pipeline
        .apply("Zips", Create.of(KV.of("10001", "501"), KV.of("10002", "501"), KV.of("10003", "502")))
        .apply(View.asMap());
    PCollection<Row> groups = pipeline.apply(Create.of(listings).withRowSchema(AggregateGroups.LISTING))
        .apply(new AggregateGroups(GroupingSets.parse("make"), zipToDma));
    PAssert.that(groups.apply(MapElements.into(TypeDescriptors.strings()).via((Row g) -> String.join(" ",
        String.valueOf((Object) g.getValue("date")), g.getString("grouping"), g.getString("location_level"), g.getString("location"),
        g.getString("make"), String.valueOf(g.getString("model")), String.valueOf((Object) g.getValue("model_year")),
        String.valueOf(g.getInt64("active_listings")), String.valueOf(g.getDouble("median_price")),
        String.valueOf(g.getDouble("mean_price")), String.valueOf(g.getDouble("mean_mileage")),
        String.valueOf(g.getDouble("mean_days_on_market")), String.valueOf(g.getDouble("total_activity")),
        String.valueOf(g.getDouble("activity_per_listing")), String.valueOf(g.getInt64("total_leads")),
        String.valueOf(g.getDouble("leads_per_listing")))))).containsInAnyOrder(
        "2024-06-04 make zip 10001 M null null 2 15000.01 15000.01 150.5 3.5 1.75 0.875 2 1.0",
        "2024-06-04 make zip 10002 M null null 1 30000.0 30000.0 300.0 10.0 2.0 2.0 0 0.0",
        "2024-06-04 make zip 99999 N null null 1 5000.5 5000.5 7.0 1.0 0.3333 0.3333 1 1.0",
        "2024-06-04 make dma 501 M null null 3 20000.01 20000.0 200.33 5.67 3.75 1.25 2 0.6667",
        "2024-06-04 make dma unknown N null null 1 5000.5 5000.5 7.0 1.0 0.3333 0.3333 1 1.0",
        "2024-06-05 make zip 10001 M null null 1 10000.0 10000.0 100.0 3.0 1.5 1.5 2 2.0",
        "2024-06-05 make dma 501 M null null 1 10000.0 10000.0 100.0 3.0 1.5 1.5 2 2.0",
        "2024-06-04 make zip 10003 Z null null 40 1000.0 1000.0 10.0 2.0 4.0 0.1 40 1.0",
        "2024-06-04 make dma 502 Z null null 40 1000.0 1000.0 10.0 2.0 4.0 0.1 40 1.0");
    pipeline.run().waitUntilFinish();
  }
}
