package io.tributary.pipelines.invoices;

import io.tributary.testing.TestPipelineExtension;
import io.tributary.transforms.cdc.CdcEvent;
import io.tributary.transforms.validation.DateRange;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stream's whole logic ({@link InvoiceChangelogs}: parse, latest per key, the three joins) fed
 * Debezium events by a {@code TestStream}, in the style of Beam's LeaderBoardTest: the events a CDC
 * connector may deliver, one at a time, with the watermark moving. Expected values worked by hand
 * (rules in {@link InvoiceMath}'s comment), as of 2024-06-30 with a 30-day term:
 *
 * <pre>
 * arrival  event (source ts)
 *  1  line 10|B1 x2            (1000)  a child before its sku and invoice
 *  2  sku B1 Bolt 20.00        (2000)
 *  3  invoice 10, account 1, 2024-05-01 (3000)  before its account
 *  4  account 1 Acme           (4000)
 *  5  account 2 Zed            (5000)
 *  6  sku C1 Cog 5.00; line 10|C1 x4 (5100, 5200)
 *  7  invoice 12, account 2, 2024-06-25; line 12|B1 x1 (6000, 6100)
 *  8  invoice 12 -> 13 of account 1 (an update that changes the key and the parent) (7000): delete 12
 *     (account 2 loses it), insert 13 (account 1 gains it); line 12|B1 is orphaned
 *  9  sku B1 at 30.00 with ts 1500: older than the 2000 already applied, arrives late -> ignored
 * 10  line 10|C1 deleted       (8000)
 * 11  a broken event ("op":"x") -> dead letter; a tombstone (null value) -> nothing
 * -- watermark to 20000 --
 * 12  account 1 renamed "Acme Ltd" (10000), behind the watermark: applied all the same (no windows)
 *
 * account 1: invoice 10, 60 days (late), line B1 2 x 20.00 = 40.00; invoice 13, 5 days (on time), no
 *            lines -> invoices=2 late=1 days=65 late_amount=40.0, product_mix "Bolt"
 * account 2: no invoice left -> invoices=0 late=0 days=0 late_amount=0.0, mix ""
 * (The key change moves the invoice to another account on purpose: a move within one account
 * sends that account two changes of the same source position, and "the last by position" is then
 * not defined in a test that cannot see the order a sink received them in.)
 * </pre>
 */
public class InvoiceChangelogsTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  private long offset;

  private TimestampedValue<CdcEvent> event(String table, long ts, String op, String before, String after) {
    offset++;
    String value = op == null ? null
        : "{\"op\":\"" + op + "\",\"before\":" + before + ",\"after\":" + after + ",\"ts_ms\":" + ts + "}";
    return TimestampedValue.of(new CdcEvent(table, "cdc." + table, 0, offset, null, value, ts), new Instant(ts));
  }

  private static String account(long id, String name) {
    return "{\"account_id\":" + id + ",\"company_name\":\"" + name + "\"}";
  }

  private static String invoice(long id, long account, String issued) {
    return "{\"invoice_id\":" + id + ",\"account_id\":" + account + ",\"date_issued\":\"" + issued + "\"}";
  }

  private static String line(long invoice, String item, long quantity) {
    return "{\"invoice_id\":" + invoice + ",\"item_id\":\"" + item + "\",\"quantity\":" + quantity + "}";
  }

  private static String sku(String item, String name, String retail) {
    return "{\"item_id\":\"" + item + "\",\"item_name\":\"" + name + "\",\"item_cost_price\":1.0,\"item_retail_price\":"
        + retail + "}";
  }

  @Test
  public void changesInAnyOrderKeyChangesDeletesAndLateEventsEndInTheHandWorkedState() throws NoSuchSchemaException {
    Coder<CdcEvent> coder = pipeline.getSchemaRegistry().getSchemaCoder(CdcEvent.class);
    TestStream<CdcEvent> events = TestStream.create(coder)
        .advanceWatermarkTo(new Instant(0))
        .addElements(event("invoice_line_items", 1000, "c", "null", line(10, "B1", 2)))
        .addElements(event("skus", 2000, "c", "null", sku("B1", "Bolt", "20.00")))
        .addElements(event("invoices", 3000, "c", "null", invoice(10, 1, "2024-05-01")))
        .addElements(event("accounts", 4000, "c", "null", account(1, "Acme")))
        .addElements(event("accounts", 5000, "c", "null", account(2, "Zed")))
        .addElements(event("skus", 5100, "c", "null", sku("C1", "Cog", "5.00")))
        .addElements(event("invoice_line_items", 5200, "c", "null", line(10, "C1", 4)))
        .addElements(event("invoices", 6000, "c", "null", invoice(12, 2, "2024-06-25")))
        .addElements(event("invoice_line_items", 6100, "c", "null", line(12, "B1", 1)))
        .addElements(event("invoices", 7000, "u", invoice(12, 2, "2024-06-25"), invoice(13, 1, "2024-06-25")))
        .addElements(event("skus", 1500, "u", sku("B1", "Bolt", "20.00"), sku("B1", "Bolt", "30.00")))
        .addElements(event("invoice_line_items", 8000, "d", line(10, "C1", 4), "null"))
        .addElements(event("invoices", 8100, "x", "null", "null"))
        .addElements(event("invoice_line_items", 8200, null, null, null))
        .advanceWatermarkTo(new Instant(20_000))
        .addElements(event("accounts", 10_000, "u", account(1, "Acme"), account(1, "Acme Ltd")))
        .advanceWatermarkToInfinity();

    PCollectionTuple out = pipeline.apply(events)
        .apply(InvoiceChangelogs.of("stream-test", LocalDate.parse("2024-06-30"), 30, DateRange.DEFAULT));

    PAssert.that(JoinInvoiceChangesTest.finalState(PCollectionList.of(out.get(InvoiceChangelogs.LATE_PAYMENT))
            .and(out.get(InvoiceChangelogs.PRODUCT_MIX)).apply(Flatten.pCollections())))
        .containsInAnyOrder(
            "late_payment 1: Acme Ltd invoices=2 late=1 days=65 late_amount=40.0",
            "product_mix 1: Acme Ltd Bolt",
            "late_payment 2: Zed invoices=0 late=0 days=0 late_amount=0.0",
            "product_mix 2: Zed ");
    PAssert.that(out.get(InvoiceChangelogs.DEAD_LETTERS).apply(MapElements.into(TypeDescriptors.strings())
            .via((Row d) -> d.getString("source") + "@" + d.getInt64("line") + ": " + d.getString("reason"))))
        .containsInAnyOrder("cdc.invoices/0@13: op must be c, u, d or r, got 'x'");
    pipeline.run().waitUntilFinish();
  }
}
