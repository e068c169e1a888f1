package io.tributary.pipelines.invoices;

import io.tributary.schemas.InvoiceSchemas;
import io.tributary.transforms.cdc.Change;
import io.tributary.transforms.cdc.ChangeRows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.testing.TestPipelineExtension;

/**
 * The streaming joins driven by a {@code TestStream}, one change at a time, in the order a CDC
 * stream may deliver them: a line item before its sku and invoice, the invoice before its account,
 * a price change, a second invoice that comes and goes. What each account ends with is worked by
 * hand from the final tables (the rules in {@link InvoiceMath}'s comment), not from the code:
 *
 * <pre>
 * as of 2024-06-30, payment term 30 days
 * account 1 "Acme": invoice 10 issued 2024-05-01 (60 days: late), line: sku B1 x 2 at 20.00 = 40.00
 *   invoice 11 (2024-06-20, B1 x 1) was added and deleted again: it does not count
 * -> late_payment: 1 invoice, 1 late, 60 days since issue, late_amount 40.0; product_mix: "Bolt"
 * account 2 "Zed": no invoice -> 0 invoices, 0 late, 0 days, 0.0; product_mix ""
 * </pre>
 */
public class JoinInvoiceChangesTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
  private long offset;

  private Change upsert(InvoiceTable table, String key, Row row) {
    offset++;
    return ChangeRows.upsert(table.table, key, "", row, 1_000L * offset, offset);
  }

  private Change delete(InvoiceTable table, String key) {
    offset++;
    return ChangeRows.delete(table.table, key, "", 1_000L * offset, offset);
  }

  static Row account(long id, String name) {
    return Row.withSchema(InvoiceSchemas.ACCOUNT).addValues(id, name, null, null, null, null, null).build();
  }

  static Row invoice(long id, long account, String issued) {
    return Row.withSchema(InvoiceSchemas.INVOICE).addValues(id, account, LocalDate.parse(issued)).build();
  }

  static Row line(long invoice, String item, long quantity) {
    return Row.withSchema(InvoiceSchemas.LINE_ITEM).addValues(invoice, item, quantity).build();
  }

  static Row sku(String item, String name, double retail) {
    return Row.withSchema(InvoiceSchemas.SKU).addValues(item, name, null, retail / 2, retail).build();
  }

  @Test
  public void outOfOrderChangesEndInTheStateABatchRunOverTheFinalTablesGives() {
    List<Change> changes = new ArrayList<>(List.of(
        upsert(InvoiceTable.LINE_ITEMS, "10|B1", line(10, "B1", 2)),   // before its sku and invoice
        upsert(InvoiceTable.SKUS, "B1", sku("B1", "Bolt", 10.0)),
        upsert(InvoiceTable.INVOICES, "10", invoice(10, 1, "2024-05-01")), // before its account
        upsert(InvoiceTable.ACCOUNTS, "2", account(2, "Zed")),
        upsert(InvoiceTable.ACCOUNTS, "1", account(1, "Acme")),
        upsert(InvoiceTable.INVOICES, "11", invoice(11, 1, "2024-06-20")),
        upsert(InvoiceTable.LINE_ITEMS, "11|B1", line(11, "B1", 1)),
        upsert(InvoiceTable.SKUS, "B1", sku("B1", "Bolt", 20.0)),        // reprices both lines
        delete(InvoiceTable.LINE_ITEMS, "11|B1"),
        delete(InvoiceTable.INVOICES, "11")));                              // last change for account 1
    TestStream.Builder<Change> stream = TestStream.create(JoinInvoiceChanges.changeCoder(pipeline))
        .advanceWatermarkTo(new Instant(0));
    for (Change c : changes) {
      stream = stream.addElements(c); // one at a time: each is fully processed before the next
    }
    PCollection<Change> out = pipeline.apply(stream.advanceWatermarkToInfinity())
        .apply(JoinInvoiceChanges.asOf(AS_OF, 30));

    PAssert.that(finalState(out)).containsInAnyOrder(
        "late_payment 1: Acme invoices=1 late=1 days=60 late_amount=40.0",
        "product_mix 1: Acme Bolt",
        "late_payment 2: Zed invoices=0 late=0 days=0 late_amount=0.0",
        "product_mix 2: Zed ");
    pipeline.run().waitUntilFinish();
  }

  /** Per output kind and account, the change with the highest offset (the last cause), rendered. */
  static PCollection<String> finalState(PCollection<Change> out) {
    return out
        .apply("ByKindAndKey", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Change.class)))
            .via((Change c) -> KV.of(c.kind + " " + c.key, c)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), JoinInvoiceChanges.changeCoder(out.getPipeline())))
        // One pane when the stream ends (the watermark reaches infinity): everything each key got.
        .apply(Window.<KV<String, Change>>into(new GlobalWindows()).triggering(AfterWatermark.pastEndOfWindow())
            .withAllowedLateness(Duration.ZERO).discardingFiredPanes())
        .apply(GroupByKey.create())
        .apply("Last", ParDo.of(new DoFn<KV<String, Iterable<Change>>, String>() {
          @ProcessElement
          public void process(@Element KV<String, Iterable<Change>> all, OutputReceiver<String> o) {
            Change last = null;
            for (Change c : all.getValue()) {
              if (last == null || c.offset >= last.offset) {
                last = c;
              }
            }
            o.output(render(last));
          }
        }));
  }

  static String render(Change c) {
    if (c.isDelete()) {
      return c.kind + " " + c.key + ": deleted";
    }
    if (c.kind.equals(IncrementalJoins.LATE_PAYMENT)) {
      Row r = ChangeRows.decode(c, InvoiceSchemas.LATE_PAYMENT);
      return c.kind + " " + c.key + ": " + r.getString("company_name") + " invoices=" + r.getInt64("total_invoices")
          + " late=" + r.getInt64("total_late_invoices") + " days=" + r.getInt64("total_days_since_issue")
          + " late_amount=" + r.getDouble("late_amount");
    }
    Row r = ChangeRows.decode(c, InvoiceSchemas.PRODUCT_MIX);
    return c.kind + " " + c.key + ": " + r.getString("company_name") + " " + r.getString("sku_types_purchased");
  }
}
