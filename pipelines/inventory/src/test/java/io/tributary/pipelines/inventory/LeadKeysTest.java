package io.tributary.pipelines.inventory;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tributary.schemas.InventorySchemas;
import io.tributary.testing.TestPipelineExtension;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lead check's cut of the snapshots: only the (day, listing) pairs some lead asks about pass.
 * Snapshot rows: 06-01 listings 1, 2 and Long.MAX_VALUE; 06-02 listings 1 and 3. Leads: 06-01
 * listing 1, 06-01 Long.MAX_VALUE, 06-02 listing 3 twice, 06-03 listing 9 (no such snapshot row),
 * 06-02 listing 2 (listing 2 is in 06-01's snapshot only). Passing, by hand: 06-01 1, 06-01
 * Long.MAX_VALUE, 06-02 3; not 06-01 2 (no lead), not 06-02 1 (listing 1's lead is of 06-01).
 */
public class LeadKeysTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  private static final Schema SNAPSHOT = Schema.builder()
      .addField("snapshot_date", InventorySchemas.DATE).addInt64Field("listing_id").build();
  private static final Schema LEAD = Schema.builder()
      .addField("date", InventorySchemas.DATE).addInt64Field("listing_id").build();

  private static Row row(Schema schema, String day, long listing) {
    return Row.withSchema(schema).addValues(LocalDate.parse(day), listing).build();
  }

  @Test
  public void onlyThePairsLeadsAskAboutPass() {
    PCollection<Row> snapshots = pipeline.apply("Snapshots", Create.of(List.of(
        row(SNAPSHOT, "2024-06-01", 1), row(SNAPSHOT, "2024-06-01", 2), row(SNAPSHOT, "2024-06-01", Long.MAX_VALUE),
        row(SNAPSHOT, "2024-06-02", 1), row(SNAPSHOT, "2024-06-02", 3))).withRowSchema(SNAPSHOT));
    PCollectionView<List<Long>> asked = pipeline.apply("Leads", Create.of(List.of(
        row(LEAD, "2024-06-01", 1), row(LEAD, "2024-06-01", Long.MAX_VALUE), row(LEAD, "2024-06-02", 3),
        row(LEAD, "2024-06-02", 3), row(LEAD, "2024-06-03", 9), row(LEAD, "2024-06-02", 2))).withRowSchema(LEAD))
        .apply(LeadKeys.asked());
    PCollection<String> kept = snapshots.apply(LeadKeys.keepAsked(asked, "snapshot_date")).setRowSchema(SNAPSHOT)
        .apply(MapElements.into(TypeDescriptors.strings())
            .via((Row r) -> r.getValue("snapshot_date") + " " + r.getInt64("listing_id")));
    PAssert.that(kept).containsInAnyOrder("2024-06-01 1", "2024-06-01 " + Long.MAX_VALUE, "2024-06-02 3");
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void noLeadsLetNothingThrough() {
    PCollection<Row> snapshots = pipeline.apply("Snapshots", Create.of(List.of(row(SNAPSHOT, "2024-06-01", 1)))
        .withRowSchema(SNAPSHOT));
    PCollectionView<List<Long>> asked = pipeline.apply("Leads", Create.empty(LEAD)).apply(LeadKeys.asked());
    PAssert.that(snapshots.apply(LeadKeys.keepAsked(asked, "snapshot_date")).setRowSchema(SNAPSHOT)).empty();
    pipeline.run().waitUntilFinish();
  }

  @Test
  public void neighbouringPairsHashApart() {
    LocalDate day = LocalDate.parse("2024-06-01");
    assertNotEquals(LeadKeys.hash(day, 1), LeadKeys.hash(day.plusDays(1), 1));
    assertNotEquals(LeadKeys.hash(day, 1), LeadKeys.hash(day, 2));
    assertNotEquals(LeadKeys.hash(day, 2), LeadKeys.hash(day.plusDays(1), 1));
  }
}
