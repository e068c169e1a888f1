package io.tributary.pipelines.invoices;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.cdc.ApplyLatestPerKey;
import io.tributary.transforms.cdc.CdcEvent;
import io.tributary.transforms.cdc.Change;
import io.tributary.transforms.validation.DateRange;
import java.time.LocalDate;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The stream's logic with no I/O: change events of the four source tables in, the late_payment and
 * product_mix changelogs (upserts and deletes keyed by account_id) and the dead letters out.
 *
 * <pre>
 * events -> parse (bad events to DEAD_LETTERS) -> latest change per primary key (an older change
 *   arriving late cannot undo a newer one) -> price lines -> summarise invoices -> per-account
 *   outputs -> LATE_PAYMENT / PRODUCT_MIX
 * </pre>
 *
 * No window: state lives per key in the global window, so an event behind the watermark is applied
 * like any other (a CDC table has no "too late").
 */
public final class InvoiceChangelogs extends PTransform<PCollection<CdcEvent>, PCollectionTuple> {
  public static final TupleTag<Change> LATE_PAYMENT = new TupleTag<Change>() {};
  public static final TupleTag<Change> PRODUCT_MIX = new TupleTag<Change>() {};
  public static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};

  private final String step;
  private final LocalDate asOf;
  private final int paymentTermDays;
  private final DateRange dates;

  private InvoiceChangelogs(String step, LocalDate asOf, int paymentTermDays, DateRange dates) {
    this.step = step;
    this.asOf = asOf;
    this.paymentTermDays = paymentTermDays;
    this.dates = dates;
  }

  /** @param step metrics namespace and dead letters' step */
  public static InvoiceChangelogs of(String step, LocalDate asOf, int paymentTermDays, DateRange dates) {
    return new InvoiceChangelogs(step, asOf, paymentTermDays, dates);
  }

  @Override
  public PCollectionTuple expand(PCollection<CdcEvent> events) {
    PCollectionTuple parsed = events.apply("Parse", ParDo.of(new ParseInvoiceChanges(step, dates))
        .withOutputTags(ParseInvoiceChanges.CHANGES, TupleTagList.of(ParseInvoiceChanges.DEAD_LETTERS)));
    PCollection<Change> outputs = parsed.get(ParseInvoiceChanges.CHANGES)
        .setCoder(JoinInvoiceChanges.changeCoder(events.getPipeline()))
        .apply("LatestPerKey", ApplyLatestPerKey.create())
        .apply("Join", JoinInvoiceChanges.asOf(asOf, paymentTermDays));
    return PCollectionTuple
        .of(LATE_PAYMENT, only(outputs, IncrementalJoins.LATE_PAYMENT))
        .and(PRODUCT_MIX, only(outputs, IncrementalJoins.PRODUCT_MIX))
        .and(DEAD_LETTERS, parsed.get(ParseInvoiceChanges.DEAD_LETTERS).setRowSchema(DeadLetterSchema.DEAD_LETTER));
  }

  private static PCollection<Change> only(PCollection<Change> outputs, String kind) {
    return outputs.apply("Only " + kind, Filter.by((Change c) -> c.kind.equals(kind)));
  }
}
