package io.tributary.pipelines.invoices;

import io.tributary.schemas.InvoiceSchemas;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.testing.TestPipelineExtension;

/** The batch joins as a transform, on rows built by hand; expectations worked out in the comments. */
public class ComputeInvoiceOutputsTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  static final LocalDate AS_OF = LocalDate.of(2024, 3, 31);

  static Row row(InvoiceTable t, String... values) {
    return t.parse(Arrays.asList(values));
  }

  @Test
  public void lateDaysEdgeFoldedAddressAndSortedMix() {
    PCollectionTuple tables = PCollectionTuple
        .of(ComputeInvoiceOutputs.tag(InvoiceTable.ACCOUNTS), pipeline.apply("A", Create.of(
            row(InvoiceTable.ACCOUNTS, "1", "Acme", "1 Road\nLeeds", "Ann", "01", "F", "1/02/2020")))
            .setRowSchema(InvoiceSchemas.ACCOUNT))
        .and(ComputeInvoiceOutputs.tag(InvoiceTable.INVOICES), pipeline.apply("I", Create.of(
            row(InvoiceTable.INVOICES, "10", "1", "2024-03-01"),    // 30 days before 31 March: on time
            row(InvoiceTable.INVOICES, "11", "1", "2024-02-29")))   // 31 days: late
            .setRowSchema(InvoiceSchemas.INVOICE))
        .and(ComputeInvoiceOutputs.tag(InvoiceTable.LINE_ITEMS), pipeline.apply("L", Create.of(
            row(InvoiceTable.LINE_ITEMS, "10", "s2", "1"),
            row(InvoiceTable.LINE_ITEMS, "11", "s1", "3"),           // 3 x 2.10 = 6.30 late
            row(InvoiceTable.LINE_ITEMS, "11", "s2", "2")))          // 2 x 0.35 = 0.70 late
            .setRowSchema(InvoiceSchemas.LINE_ITEM))
        .and(ComputeInvoiceOutputs.tag(InvoiceTable.SKUS), pipeline.apply("S", Create.of(
            row(InvoiceTable.SKUS, "s1", "Wiper", "", "1", "2.10"),
            row(InvoiceTable.SKUS, "s2", "Bulb", "", "0.1", "0.35")))
            .setRowSchema(InvoiceSchemas.SKU));
    PCollectionTuple out = tables.apply(ComputeInvoiceOutputs.asOf("test", AS_OF, 30));

    PAssert.that(out.get(ComputeInvoiceOutputs.LATE_PAYMENT)).containsInAnyOrder(
        Row.withSchema(InvoiceSchemas.LATE_PAYMENT).addValues(AS_OF, 1L, "Acme", "Ann", "01", "F",
            LocalDate.of(2020, 2, 1), "1 Road Leeds", 2L, 1L, 30L + 31L, 7.0).build());
    PAssert.that(out.get(ComputeInvoiceOutputs.PRODUCT_MIX)).containsInAnyOrder(
        Row.withSchema(InvoiceSchemas.PRODUCT_MIX).addValues(AS_OF, 1L, "Acme", "Bulb,Wiper").build());
    PAssert.that(out.get(ComputeInvoiceOutputs.DEAD_LETTERS)).empty();
    pipeline.run();
  }
}
