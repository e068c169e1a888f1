package io.tributary.pipelines.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.schemas.InventorySchemas;
import io.tributary.testing.TestPipelineExtension;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The window and weighting transform alone. Listing 7, active on 06-04 and 06-05; window 2 days;
 * weights vdp=2, phone=10 (every other kind 0). Daily counts: 06-01 vdp 1; 06-02 vdp 2 + a phone
 * lead; 06-03 vdp 4; 06-04 vdp 8 + srp 100; 06-05 vdp 16 + 2 phone leads. Listing 8 has counts but
 * is not active: no row.
 *
 * <pre>
 * 06-04: window 06-03..04: vdp 12, srp 100 (112 impressions), no lead; score 24
 *        prev  06-01..02: vdp 3 (3), 1 phone lead; score 6 + 10 = 16
 * 06-05: window 06-04..05: vdp 24, srp 100 (124), 2 phone leads; score 48 + 20 = 68
 *        prev  06-02..03: vdp 6 (6), 1 phone lead; score 12 + 10 = 22
 * </pre>
 */
public class ComputeActivityTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  static Row active(long listing, String day) {
    Instant t = new Instant(0);
    return Row.withSchema(InventorySchemas.ACTIVE_LISTING).addValues(LocalDate.parse(day), listing, "V", 1L, "10001",
        "M", "X", 2020, null, "sedan", "used", 1.0, 1L, t, t, LocalDate.parse("2024-06-01"), 3).build();
  }

  static Row count(long listing, String day, String kind, long n) {
    return Row.withSchema(InventorySchemas.IMPRESSION).addValues(listing, LocalDate.parse(day), kind, n).build();
  }

  @Test
  public void windowsAndPreviousWindowsWeighted() {
    PCollection<Row> active = pipeline.apply("Active", Create.of(active(7, "2024-06-04"), active(7, "2024-06-05"))
        .withRowSchema(InventorySchemas.ACTIVE_LISTING));
    PCollection<Row> counts = pipeline.apply("Counts", Create.of(
        count(7, "2024-06-01", "vdp", 1), count(7, "2024-06-02", "vdp", 2), count(7, "2024-06-02", "phone", 1),
        count(7, "2024-06-03", "vdp", 4), count(7, "2024-06-04", "vdp", 8), count(7, "2024-06-04", "srp", 100),
        count(7, "2024-06-05", "vdp", 16), count(7, "2024-06-05", "phone", 1), count(7, "2024-06-05", "phone", 1),
        count(8, "2024-06-05", "vdp", 99)).withRowSchema(InventorySchemas.IMPRESSION));
    PCollectionTuple out = PCollectionTuple.of(ComputeActivity.ACTIVE, active).and(ComputeActivity.COUNTS, counts)
        .apply(new ComputeActivity("t", List.of(2), Weights.parse("vdp=2,phone=10")));
    PAssert.that(out.get(ComputeActivity.ACTIVITY).apply(MapElements.into(TypeDescriptors.strings()).via((Row r) ->
        r.getLogicalTypeValue("date", LocalDate.class) + " " + r.getInt64("listing_id") + " w" + r.getInt32("window_days")
            + " srp " + r.getInt64("srp") + " vdp " + r.getInt64("vdp") + " impr " + r.getInt64("total_impressions")
            + " phone " + r.getInt64("phone_leads") + " leads " + r.getInt64("total_leads")
            + " prev " + r.getInt64("prev_total_impressions") + "/" + r.getInt64("prev_total_leads")
            + " score " + r.getDouble("activity_score") + " prev " + r.getDouble("prev_activity_score"))))
        .containsInAnyOrder(
            "2024-06-04 7 w2 srp 100 vdp 12 impr 112 phone 0 leads 0 prev 3/1 score 24.0 prev 16.0",
            "2024-06-05 7 w2 srp 100 vdp 24 impr 124 phone 2 leads 2 prev 6/1 score 68.0 prev 22.0");
    PAssert.that(out.get(ComputeActivity.DEAD_LETTERS)).empty();
    pipeline.run();
  }

  @Test
  public void badWeightsAndWindowsAreRefusedNamingTheProblem() {
    assertEquals("--weights: 'banner=1' is not kind=weight with a kind of srp, vdp, photo_view, save, share, email, "
        + "phone, chat, text, wired", assertThrows(IllegalArgumentException.class, () -> Weights.parse("banner=1")).getMessage());
    assertEquals("--weights: weight of vdp must be 0 or more, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> Weights.parse("vdp=-1")).getMessage());
    assertEquals("--weights: vdp is given twice",
        assertThrows(IllegalArgumentException.class, () -> Weights.parse("vdp=1,vdp=2")).getMessage());
    assertEquals("--windows: 0 is outside 1..366 days",
        assertThrows(IllegalArgumentException.class, () -> Weights.windows("0,7")).getMessage());
    assertEquals(List.of(1, 7, 30), Weights.windows("30, 7,1,7"));
    assertEquals("--grouping-sets: 'colour' is not one of make, model, model_year, body_style, stock_type",
        assertThrows(IllegalArgumentException.class, () -> GroupingSets.parse("make;colour")).getMessage());
  }
}
