package io.tributary.pipelines.invoices;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.cdc.CdcEvent;
import io.tributary.transforms.cdc.Change;
import io.tributary.transforms.cdc.ChangeRows;
import io.tributary.transforms.cdc.DebeziumEnvelope;
import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.metrics.StepMetrics;
import io.tributary.transforms.validation.DateRange;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A Debezium event of a source table to a {@link Change} keyed by the row's primary key, parsed
 * by the same {@link InvoiceTable#parse} as CSV and JDBC rows. An update that changes the primary
 * key becomes a delete of the old key and an insert of the new. Bad events go to dead letters.
 */
final class ParseInvoiceChanges extends DoFn<CdcEvent, Change> {
  static final TupleTag<Change> CHANGES = new TupleTag<Change>() {};
  static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};
  private static final Set<String> DATES = Set.of("joining_date", "date_issued");

  private final String step;
  private final DateRange dates;
  private final StepMetrics metrics;

  ParseInvoiceChanges(String step, DateRange dates) {
    this.step = step;
    this.dates = dates;
    this.metrics = StepMetrics.of(step);
  }

  @ProcessElement
  public void process(@Element CdcEvent record, MultiOutputReceiver out) {
    String value = record.value;
    if (value == null) {
      return; // Debezium's tombstone after a delete: the delete itself already applied.
    }
    metrics.read().inc();
    long position = record.position();
    try {
      InvoiceTable table = InvoiceTable.named(record.table);
      DebeziumEnvelope event = DebeziumEnvelope.parse(value);
      // The database's time orders changes; without one, the time Kafka took the message.
      long ts = event.tsMs > 0 ? event.tsMs : record.timestampMs;
      if (ts <= 0) {
        throw new RowRejected("no ts_ms in the event and no Kafka timestamp: the change cannot be ordered");
      }
      if (event.isDelete()) {
        // PostgreSQL's default replica identity sends only the key in before; some deletes carry
        // no before at all, and the message key names the row.
        List<String> key = DebeziumEnvelope.keyValues(event.before, record.key, table.primaryKey);
        if (key == null) {
          throw new RowRejected("delete without the key " + table.primaryKey + " in before or in the message key");
        }
        out.get(CHANGES).output(ChangeRows.delete(table.table, table.key(key), "", ts, position));
        return;
      }
      Row after = table.parse(event.values(event.after, table.columns(), DATES), InvoiceTable.Values.TYPED, dates);
      List<String> beforeKey = DebeziumEnvelope.keyValues(event.before, null, table.primaryKey);
      if (beforeKey != null && !table.key(beforeKey).equals(table.key(after))) {
        out.get(CHANGES).output(ChangeRows.delete(table.table, table.key(beforeKey), "", ts, position));
      }
      out.get(CHANGES).output(ChangeRows.upsert(table.table, table.key(after), "", after, ts, position));
    } catch (RuntimeException e) {
      // Any failure, expected or not, is this event's dead letter: a stream must not stop (and fail
      // again after every restart) on one event.
      metrics.deadLettered().inc();
      String source = record.topic + "/" + record.partition;
      out.get(DEAD_LETTERS).output(e instanceof RowRejected
          ? DeadLetterSchema.of(step, source, record.offset, value, e.getMessage())
          : DeadLetterSchema.of(step, source, record.offset, value,
              "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage(), e));
    }
  }
}
