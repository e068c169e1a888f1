package io.tributary.pipelines.invoices;

import io.tributary.schemas.InvoiceSchemas;
import io.tributary.transforms.cdc.Change;
import io.tributary.transforms.cdc.ChangeRows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.state.MapState;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * The streaming path: the batch path's three joins ({@link ComputeInvoiceOutputs}) kept current in
 * Beam state, one stateful step per join, each re-applying the same {@link InvoiceMath} rule for
 * the key that changed and emitting the new value (or a removal) downstream.
 *
 * <ol>
 *   <li>{@link PriceLines}, keyed by item_id: the sku and its line items -> priced lines, keyed by invoice;
 *   <li>{@link SummariseInvoices}, keyed by invoice_id: the invoice and its priced lines -> summary, keyed by account;
 *   <li>{@link AccountOutputs}, keyed by account_id: the account and its summaries -> late_payment and product_mix.
 * </ol>
 * A child whose parent is unknown waits in state and counts as soon as the parent arrives, so the
 * final state equals a batch run over the final tables, where such a child is dead-lettered.
 */
final class IncrementalJoins {
  private IncrementalJoins() {}

  static final String PRICED_LINE = "priced_line";
  static final String INVOICE_SUMMARY = "invoice_summary";
  static final String LATE_PAYMENT = "late_payment";
  static final String PRODUCT_MIX = "product_mix";

  /** A row into state, or out of it for a delete (null). */
  static void set(ValueState<Row> state, Row row) {
    if (row == null) {
      state.clear();
    } else {
      state.write(row);
    }
  }

  static void set(MapState<String, Row> state, String key, Row row) {
    if (row == null) {
      state.remove(key);
    } else {
      state.put(key, row);
    }
  }

  /** Step 1. Input: skus (key item_id) and line items (key item_id, sub invoice_id). */
  static final class PriceLines extends DoFn<KV<String, Change>, KV<String, Change>> {
    @StateId("sku")
    private final StateSpec<ValueState<Row>> skuSpec = StateSpecs.value(RowCoder.of(InvoiceSchemas.SKU));

    @StateId("lines")
    private final StateSpec<MapState<String, Row>> linesSpec =
        StateSpecs.map(StringUtf8Coder.of(), RowCoder.of(InvoiceSchemas.LINE_ITEM));

    @ProcessElement
    public void process(@Element KV<String, Change> element, @StateId("sku") ValueState<Row> skuState,
        @StateId("lines") MapState<String, Row> lines, OutputReceiver<KV<String, Change>> out) {
      Change change = element.getValue();
      String itemId = element.getKey();
      if (change.kind.equals(InvoiceTable.SKUS.table)) {
        Row sku = ChangeRows.decode(change, InvoiceSchemas.SKU);
        set(skuState, sku);
        for (Map.Entry<String, Row> line : lines.entries().read()) {
          out.output(priced(line.getKey(), itemId, line.getValue(), sku, change));
        }
      } else {
        String invoiceId = change.sub;
        Row line = ChangeRows.decode(change, InvoiceSchemas.LINE_ITEM);
        set(lines, invoiceId, line);
        out.output(priced(invoiceId, itemId, line, skuState.read(), change));
      }
    }

    private static KV<String, Change> priced(String invoiceId, String itemId, Row line, Row sku, Change cause) {
      Change c = line == null || sku == null
          ? ChangeRows.delete(PRICED_LINE, invoiceId, itemId, cause.tsMs, cause.offset)
          : ChangeRows.upsert(PRICED_LINE, invoiceId, itemId, InvoiceMath.pricedLine(line, sku), cause.tsMs, cause.offset);
      return KV.of(invoiceId, c);
    }
  }

  /** Step 2. Input: invoices (key invoice_id) and priced lines (key invoice_id, sub item_id). */
  static final class SummariseInvoices extends DoFn<KV<String, Change>, KV<String, Change>> {
    @StateId("invoice")
    private final StateSpec<ValueState<Row>> invoiceSpec = StateSpecs.value(RowCoder.of(InvoiceSchemas.INVOICE));

    @StateId("lines")
    private final StateSpec<MapState<String, Row>> linesSpec =
        StateSpecs.map(StringUtf8Coder.of(), RowCoder.of(InvoiceSchemas.PRICED_LINE));

    /** The account the last summary went to: it gets a removal when the invoice moves or goes. */
    @StateId("sentTo")
    private final StateSpec<ValueState<String>> sentToSpec = StateSpecs.value(StringUtf8Coder.of());

    @ProcessElement
    public void process(@Element KV<String, Change> element, @StateId("invoice") ValueState<Row> invoiceState,
        @StateId("lines") MapState<String, Row> lines, @StateId("sentTo") ValueState<String> sentTo,
        OutputReceiver<KV<String, Change>> out) {
      Change change = element.getValue();
      String invoiceId = element.getKey();
      Row invoice;
      if (change.kind.equals(InvoiceTable.INVOICES.table)) {
        invoice = ChangeRows.decode(change, InvoiceSchemas.INVOICE);
        set(invoiceState, invoice);
      } else {
        set(lines, change.sub, ChangeRows.decode(change, InvoiceSchemas.PRICED_LINE));
        invoice = invoiceState.read();
      }
      String previous = sentTo.read();
      String account = invoice == null ? null : String.valueOf(invoice.getInt64("account_id"));
      if (previous != null && !previous.equals(account)) {
        out.output(KV.of(previous, ChangeRows.delete(INVOICE_SUMMARY, previous, invoiceId, change.tsMs, change.offset)));
      }
      if (invoice == null) {
        sentTo.clear();
        return;
      }
      List<Row> priced = new ArrayList<>();
      lines.values().read().forEach(priced::add);
      out.output(KV.of(account, ChangeRows.upsert(INVOICE_SUMMARY, account, invoiceId,
          InvoiceMath.summary(invoice, priced), change.tsMs, change.offset)));
      sentTo.write(account);
    }
  }

  /** Step 3. Input: accounts (key account_id) and summaries (key account_id, sub invoice_id). Output: both reports. */
  static final class AccountOutputs extends DoFn<KV<String, Change>, Change> {
    private final LocalDate asOf;
    private final int paymentTermDays;

    AccountOutputs(LocalDate asOf, int paymentTermDays) {
      this.asOf = asOf;
      this.paymentTermDays = paymentTermDays;
    }

    @StateId("account")
    private final StateSpec<ValueState<Row>> accountSpec = StateSpecs.value(RowCoder.of(InvoiceSchemas.ACCOUNT));

    @StateId("invoices")
    private final StateSpec<MapState<String, Row>> invoicesSpec =
        StateSpecs.map(StringUtf8Coder.of(), RowCoder.of(InvoiceSchemas.INVOICE_SUMMARY));

    @StateId("published")
    private final StateSpec<ValueState<Boolean>> publishedSpec = StateSpecs.value(BooleanCoder.of());

    @ProcessElement
    public void process(@Element KV<String, Change> element, @StateId("account") ValueState<Row> accountState,
        @StateId("invoices") MapState<String, Row> invoices, @StateId("published") ValueState<Boolean> published,
        OutputReceiver<Change> out) {
      Change change = element.getValue();
      String accountId = element.getKey();
      if (change.kind.equals(InvoiceTable.ACCOUNTS.table)) {
        set(accountState, ChangeRows.decode(change, InvoiceSchemas.ACCOUNT));
      } else {
        set(invoices, change.sub, ChangeRows.decode(change, InvoiceSchemas.INVOICE_SUMMARY));
      }
      Row account = accountState.read();
      if (account == null) {
        if (Boolean.TRUE.equals(published.read())) {
          out.output(ChangeRows.delete(LATE_PAYMENT, accountId, "", change.tsMs, change.offset));
          out.output(ChangeRows.delete(PRODUCT_MIX, accountId, "", change.tsMs, change.offset));
          published.clear();
        }
        return;
      }
      List<Row> summaries = new ArrayList<>();
      invoices.values().read().forEach(summaries::add);
      out.output(ChangeRows.upsert(LATE_PAYMENT, accountId, "",
          InvoiceMath.latePayment(account, summaries, asOf, paymentTermDays), change.tsMs, change.offset));
      out.output(ChangeRows.upsert(PRODUCT_MIX, accountId, "",
          InvoiceMath.productMix(account, summaries, asOf), change.tsMs, change.offset));
      published.write(true);
    }
  }
}
