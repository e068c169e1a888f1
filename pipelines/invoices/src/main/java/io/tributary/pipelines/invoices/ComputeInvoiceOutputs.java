package io.tributary.pipelines.invoices;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.schemas.InvoiceSchemas;
import io.tributary.transforms.joins.JoinParentChildren;
import io.tributary.transforms.metrics.StepMetrics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The batch path: the seed's steps as three referential-integrity joins over the four tables,
 * (1) line items with their sku, (2) priced lines with their invoice, (3) invoice summaries with
 * their account, each step applying the {@link InvoiceMath} rules. Orphans and duplicated keys go
 * to {@link #DEAD_LETTERS}. The streaming path applies the same rules per key in state.
 *
 * <p>Input: a tuple holding one parsed table per {@link #tag(InvoiceTable)}.
 */
public final class ComputeInvoiceOutputs extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<Row> LATE_PAYMENT = new TupleTag<Row>() {};
  public static final TupleTag<Row> PRODUCT_MIX = new TupleTag<Row>() {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};

  private static final Map<InvoiceTable, TupleTag<Row>> TAGS = new HashMap<>();

  static {
    for (InvoiceTable t : InvoiceTable.values()) {
      TAGS.put(t, new TupleTag<Row>(t.table) {});
    }
  }

  public static TupleTag<Row> tag(InvoiceTable table) {
    return TAGS.get(table);
  }

  private final String step;
  private final LocalDate asOf;
  private final int paymentTermDays;

  private ComputeInvoiceOutputs(String step, LocalDate asOf, int paymentTermDays) {
    this.step = step;
    this.asOf = asOf;
    this.paymentTermDays = paymentTermDays;
  }

  public static ComputeInvoiceOutputs asOf(String step, LocalDate asOf, int paymentTermDays) {
    return new ComputeInvoiceOutputs(step, asOf, paymentTermDays);
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple tables) {
    // 1. line items + skus -> priced lines
    PCollectionTuple withSkus = PCollectionTuple
        .of(JoinParentChildren.PARENTS, tables.get(tag(InvoiceTable.SKUS)))
        .and(JoinParentChildren.CHILDREN, tables.get(tag(InvoiceTable.LINE_ITEMS)))
        .apply("LinesWithSkus", JoinParentChildren.of(step, "skus", sku -> sku.getString("item_id"),
            "invoice_line_items", line -> line.getString("item_id")));
    PCollection<Row> priced = withSkus.get(JoinParentChildren.JOINED)
        .apply("Price", ParDo.of(new PriceFn()))
        .setRowSchema(InvoiceSchemas.PRICED_LINE);

    // 2. priced lines + invoices -> one summary per invoice
    PCollectionTuple withInvoices = PCollectionTuple
        .of(JoinParentChildren.PARENTS, tables.get(tag(InvoiceTable.INVOICES)))
        .and(JoinParentChildren.CHILDREN, priced)
        .apply("LinesWithInvoices", JoinParentChildren.of(step, "invoices",
            invoice -> String.valueOf(invoice.getInt64("invoice_id")),
            "invoice_line_items", line -> String.valueOf(line.getInt64("invoice_id"))));
    TupleTag<Row> summaries = new TupleTag<Row>() {};
    TupleTag<Row> duplicateLines = new TupleTag<Row>() {};
    PCollectionTuple summarised = withInvoices.get(JoinParentChildren.JOINED)
        .apply("Summarise", ParDo.of(new SummariseFn(step, summaries, duplicateLines))
            .withOutputTags(summaries, TupleTagList.of(duplicateLines)));
    summarised.get(summaries).setRowSchema(InvoiceSchemas.INVOICE_SUMMARY);
    summarised.get(duplicateLines).setRowSchema(DeadLetterSchema.DEAD_LETTER);

    // 3. summaries + accounts -> the two outputs, one row each per account (accounts without invoices too)
    PCollectionTuple withAccounts = PCollectionTuple
        .of(JoinParentChildren.PARENTS, tables.get(tag(InvoiceTable.ACCOUNTS)))
        .and(JoinParentChildren.CHILDREN, summarised.get(summaries))
        .apply("InvoicesWithAccounts", JoinParentChildren.of(step, "accounts",
            account -> String.valueOf(account.getInt64("account_id")),
            "invoices", invoice -> String.valueOf(invoice.getInt64("account_id"))));
    PCollectionTuple outputs = withAccounts.get(JoinParentChildren.JOINED)
        .apply("PerAccount", ParDo.of(new PerAccountFn(asOf, paymentTermDays))
            .withOutputTags(LATE_PAYMENT, TupleTagList.of(PRODUCT_MIX)));
    outputs.get(LATE_PAYMENT).setRowSchema(InvoiceSchemas.LATE_PAYMENT);
    outputs.get(PRODUCT_MIX).setRowSchema(InvoiceSchemas.PRODUCT_MIX);

    PCollection<Row> deadLetters = PCollectionList.of(withSkus.get(JoinParentChildren.DEAD_LETTERS))
        .and(withInvoices.get(JoinParentChildren.DEAD_LETTERS))
        .and(summarised.get(duplicateLines))
        .and(withAccounts.get(JoinParentChildren.DEAD_LETTERS))
        .apply("DeadLetters", Flatten.pCollections());
    return PCollectionTuple.of(LATE_PAYMENT, outputs.get(LATE_PAYMENT))
        .and(PRODUCT_MIX, outputs.get(PRODUCT_MIX))
        .and(DEAD_LETTERS, deadLetters);
  }

  private static final class PriceFn extends DoFn<KV<Row, List<Row>>, Row> {
    @ProcessElement
    public void process(@Element KV<Row, List<Row>> skuAndLines, OutputReceiver<Row> out) {
      for (Row line : skuAndLines.getValue()) {
        out.output(InvoiceMath.pricedLine(line, skuAndLines.getKey()));
      }
    }
  }

  /** One summary per invoice; a (invoice, item) pair listed twice is ambiguous: all its copies dead-lettered. */
  private static final class SummariseFn extends DoFn<KV<Row, List<Row>>, Row> {
    private final String step;
    private final TupleTag<Row> summaries;
    private final TupleTag<Row> duplicates;
    private final StepMetrics metrics;

    SummariseFn(String step, TupleTag<Row> summaries, TupleTag<Row> duplicates) {
      this.step = step;
      this.summaries = summaries;
      this.duplicates = duplicates;
      this.metrics = StepMetrics.of(step);
    }

    @ProcessElement
    public void process(@Element KV<Row, List<Row>> invoiceAndLines, MultiOutputReceiver out) {
      Map<String, Integer> copies = new HashMap<>();
      for (Row line : invoiceAndLines.getValue()) {
        copies.merge(line.getString("item_id"), 1, Integer::sum);
      }
      List<Row> kept = new ArrayList<>();
      for (Row line : invoiceAndLines.getValue()) {
        int n = copies.get(line.getString("item_id"));
        if (n == 1) {
          kept.add(line);
        } else {
          metrics.deadLettered().inc();
          out.get(duplicates).output(DeadLetterSchema.of(step, "invoice_line_items", null,
              JoinParentChildren.render(line), "line item (invoice " + line.getInt64("invoice_id") + ", item "
                  + line.getString("item_id") + ") appears " + n + " times"));
        }
      }
      out.get(summaries).output(InvoiceMath.summary(invoiceAndLines.getKey(), kept));
    }
  }

  private static final class PerAccountFn extends DoFn<KV<Row, List<Row>>, Row> {
    private final LocalDate asOf;
    private final int paymentTermDays;

    PerAccountFn(LocalDate asOf, int paymentTermDays) {
      this.asOf = asOf;
      this.paymentTermDays = paymentTermDays;
    }

    @ProcessElement
    public void process(@Element KV<Row, List<Row>> accountAndInvoices, MultiOutputReceiver out) {
      out.get(LATE_PAYMENT).output(
          InvoiceMath.latePayment(accountAndInvoices.getKey(), accountAndInvoices.getValue(), asOf, paymentTermDays));
      out.get(PRODUCT_MIX).output(InvoiceMath.productMix(accountAndInvoices.getKey(), accountAndInvoices.getValue(), asOf));
    }
  }
}
