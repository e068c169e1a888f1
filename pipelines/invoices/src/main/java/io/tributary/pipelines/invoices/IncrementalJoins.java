package io.tributary.pipelines.invoices;

import io.tributary.schemas.InvoiceSchemas;
import io.tributary.transforms.cdc.Change;
import io.tributary.transforms.cdc.ChangeRows;
import io.tributary.transforms.cdc.ParentWithChildrenFn;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
 * The state of each join is {@link ParentWithChildrenFn}'s. A child whose parent is unknown waits
 * in state and counts as soon as the parent arrives, so the final state equals a batch run over
 * the final tables, where such a child is dead-lettered.
 */
final class IncrementalJoins {
  private IncrementalJoins() {}

  static final String PRICED_LINE = "priced_line";
  static final String INVOICE_SUMMARY = "invoice_summary";
  static final String LATE_PAYMENT = "late_payment";
  static final String PRODUCT_MIX = "product_mix";

  /** Step 1. Input: skus (key item_id) and line items (key item_id, sub invoice_id). */
  static final class PriceLines extends ParentWithChildrenFn<KV<String, Change>> {
    PriceLines() {
      super(InvoiceTable.SKUS.table, InvoiceSchemas.SKU, InvoiceSchemas.LINE_ITEM);
    }

    @Override
    protected void emit(Joined sku, OutputReceiver<KV<String, Change>> out) {
      if (sku.parentChanged) {
        for (Map.Entry<String, Row> line : sku.children()) {
          out.output(priced(line.getKey(), sku.key, line.getValue(), sku.parent, sku.cause));
        }
      } else {
        out.output(priced(sku.childKey, sku.key, sku.child, sku.parent, sku.cause));
      }
    }

    private static KV<String, Change> priced(String invoiceId, String itemId, Row line, Row sku, Change cause) {
      Change c = line == null || sku == null
          ? ChangeRows.delete(PRICED_LINE, invoiceId, itemId, cause.tsMs, cause.offset)
          : ChangeRows.upsert(PRICED_LINE, invoiceId, itemId, InvoiceMath.pricedLine(line, sku), cause.tsMs, cause.offset);
      return KV.of(invoiceId, c);
    }
  }

  /**
   * Step 2. Input: invoices (key invoice_id) and priced lines (key invoice_id, sub item_id). The
   * account the last summary went to gets a removal when the invoice moves or goes.
   */
  static final class SummariseInvoices extends ParentWithChildrenFn<KV<String, Change>> {
    SummariseInvoices() {
      super(InvoiceTable.INVOICES.table, InvoiceSchemas.INVOICE, InvoiceSchemas.PRICED_LINE);
    }

    @Override
    protected void emit(Joined invoice, OutputReceiver<KV<String, Change>> out) {
      Change change = invoice.cause;
      String previous = invoice.sentTo();
      String account = invoice.parent == null ? null : String.valueOf(invoice.parent.getInt64("account_id"));
      if (previous != null && !previous.equals(account)) {
        out.output(KV.of(previous, ChangeRows.delete(INVOICE_SUMMARY, previous, invoice.key, change.tsMs, change.offset)));
      }
      if (account != null) {
        out.output(KV.of(account, ChangeRows.upsert(INVOICE_SUMMARY, account, invoice.key,
            InvoiceMath.summary(invoice.parent, invoice.childRows()), change.tsMs, change.offset)));
      }
      invoice.sentTo(account);
    }
  }

  /**
   * Step 3. Input: accounts (key account_id) and summaries (key account_id, sub invoice_id).
   * Output: both reports; an account that goes retracts the reports it published.
   */
  static final class AccountOutputs extends ParentWithChildrenFn<Change> {
    private static final String PUBLISHED = "published";
    private final LocalDate asOf;
    private final int paymentTermDays;

    AccountOutputs(LocalDate asOf, int paymentTermDays) {
      super(InvoiceTable.ACCOUNTS.table, InvoiceSchemas.ACCOUNT, InvoiceSchemas.INVOICE_SUMMARY);
      this.asOf = asOf;
      this.paymentTermDays = paymentTermDays;
    }

    @Override
    protected void emit(Joined account, OutputReceiver<Change> out) {
      Change change = account.cause;
      if (account.parent == null) {
        if (account.sentTo() != null) {
          out.output(ChangeRows.delete(LATE_PAYMENT, account.key, "", change.tsMs, change.offset));
          out.output(ChangeRows.delete(PRODUCT_MIX, account.key, "", change.tsMs, change.offset));
          account.sentTo(null);
        }
        return;
      }
      List<Row> summaries = account.childRows();
      out.output(ChangeRows.upsert(LATE_PAYMENT, account.key, "",
          InvoiceMath.latePayment(account.parent, summaries, asOf, paymentTermDays), change.tsMs, change.offset));
      out.output(ChangeRows.upsert(PRODUCT_MIX, account.key, "",
          InvoiceMath.productMix(account.parent, summaries, asOf), change.tsMs, change.offset));
      account.sentTo(PUBLISHED);
    }
  }
}
