package io.tributary.pipelines.invoices;

import io.tributary.transforms.cdc.Change;
import java.time.LocalDate;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The streaming path's stateful core, apart from its Kafka input and outputs so that it can be
 * driven by a {@code TestStream}: the current change of every source row in (kind = the source
 * table, key = its primary key; line items keyed {@code invoice_id|item_id}), the late_payment and
 * product_mix changes per account out ({@link IncrementalJoins}: price lines by item, summarise
 * invoices by invoice, per-account outputs).
 */
public final class JoinInvoiceChanges extends PTransform<PCollection<Change>, PCollection<Change>> {
  private final LocalDate asOf;
  private final int paymentTermDays;

  private JoinInvoiceChanges(LocalDate asOf, int paymentTermDays) {
    this.asOf = asOf;
    this.paymentTermDays = paymentTermDays;
  }

  public static JoinInvoiceChanges asOf(LocalDate asOf, int paymentTermDays) {
    return new JoinInvoiceChanges(asOf, paymentTermDays);
  }

  @Override
  public PCollection<Change> expand(PCollection<Change> current) {
    Pipeline pipeline = current.getPipeline();
    PCollection<KV<String, Change>> priced = PCollectionList
        .of(route(current, InvoiceTable.SKUS, "SkusByItem", c -> KV.of(c.key, c)))
        .and(route(current, InvoiceTable.LINE_ITEMS, "LinesByItem", c -> {
          int bar = c.key.indexOf('|'); // key = invoice_id|item_id
          String invoiceId = c.key.substring(0, bar);
          String itemId = c.key.substring(bar + 1);
          return KV.of(itemId, c.as(c.kind, c.key, invoiceId));
        }))
        .apply("PriceInputs", Flatten.pCollections())
        .apply("PriceLines", ParDo.of(new IncrementalJoins.PriceLines()))
        .setCoder(kvCoder(pipeline));

    PCollection<KV<String, Change>> summaries = PCollectionList
        .of(route(current, InvoiceTable.INVOICES, "InvoicesById", c -> KV.of(c.key, c)))
        .and(priced)
        .apply("SummaryInputs", Flatten.pCollections())
        .apply("SummariseInvoices", ParDo.of(new IncrementalJoins.SummariseInvoices()))
        .setCoder(kvCoder(pipeline));

    return PCollectionList
        .of(route(current, InvoiceTable.ACCOUNTS, "AccountsById", c -> KV.of(c.key, c)))
        .and(summaries)
        .apply("AccountInputs", Flatten.pCollections())
        .apply("AccountOutputs", ParDo.of(new IncrementalJoins.AccountOutputs(asOf, paymentTermDays)))
        .setCoder(changeCoder(pipeline));
  }

  private static PCollection<KV<String, Change>> route(PCollection<Change> changes, InvoiceTable table, String name,
      SerializableFunction<Change, KV<String, Change>> key) {
    return changes
        .apply("Only " + table.table, Filter.by((Change c) -> c.kind.equals(table.table)))
        .apply(name, MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(Change.class)))
            .via(key))
        .setCoder(kvCoder(changes.getPipeline()));
  }

  static Coder<Change> changeCoder(Pipeline pipeline) {
    try {
      return pipeline.getSchemaRegistry().getSchemaCoder(Change.class);
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KvCoder<String, Change> kvCoder(Pipeline pipeline) {
    return KvCoder.of(StringUtf8Coder.of(), changeCoder(pipeline));
  }
}
