package io.tributary.pipelines.stock;

import io.tributary.schemas.StockSchemas;
import java.time.LocalDate;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.testing.TestPipelineExtension;

/** The eBay quantity and delta per (supplier, label), worked by hand for each case. */
public class LatestTwoSnapshotsTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  static Row stock(String supplier, String label, int qty, String day) {
    return Row.withSchema(StockSchemas.SUPPLIER_STOCK).addValues(label, "p-" + label, supplier, qty, LocalDate.parse(day))
        .build();
  }

  static Row latest(String supplier, String label, int qty, int delta, String day) {
    return Row.withSchema(StockSchemas.LATEST_STOCK).addValues(supplier, label, qty, delta, LocalDate.parse(day)).build();
  }

  @Test
  public void latestMinusPreviousUpToTheDay() {
    PCollection<Row> stock = pipeline.apply(Create.of(
        // A: four days, given out of order; up to 06-03 the latest two are 06-03 (2) and 06-02 (9).
        stock("BET", "A", 9, "2024-06-02"), stock("BET", "A", 2, "2024-06-03"), stock("BET", "A", 5, "2024-06-01"),
        stock("BET", "A", 7, "2024-06-04"),
        // B: one snapshot: delta = quantity.
        stock("BET", "B", 4, "2024-06-01"),
        // C: two part numbers under one label on 06-03 count once, the larger (6); previous 06-01 (10).
        stock("BET", "C", 10, "2024-06-01"), stock("BET", "C", 3, "2024-06-03"), stock("BET", "C", 6, "2024-06-03"),
        // The same label from another supplier is its own key.
        stock("FEB", "A", 1, "2024-06-01"),
        // Only after the day: no row.
        stock("BET", "D", 8, "2024-06-05"))
        .withRowSchema(StockSchemas.SUPPLIER_STOCK));
    PAssert.that(stock.apply(new LatestTwoSnapshots(LocalDate.parse("2024-06-03")))).containsInAnyOrder(
        latest("BET", "A", 2, -7, "2024-06-03"),
        latest("BET", "B", 4, 4, "2024-06-01"),
        latest("BET", "C", 6, -4, "2024-06-03"),
        latest("FEB", "A", 1, 1, "2024-06-01"));
    pipeline.run();
  }
}
