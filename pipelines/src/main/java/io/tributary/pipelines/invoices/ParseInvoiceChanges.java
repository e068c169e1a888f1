package io.tributary.pipelines.invoices;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.cdc.Change;
import io.tributary.transforms.cdc.ChangeRows;
import io.tributary.transforms.cdc.DebeziumEnvelope;
import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.metrics.StepMetrics;
import java.util.Set;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;

/**
 * A Debezium event of one source table to a {@link Change} keyed by the row's primary key, parsed
 * by the same {@link InvoiceTable#parse} as CSV and JDBC rows. An update that changes the primary
 * key becomes a delete of the old key and an insert of the new. Bad events go to dead letters.
 */
final class ParseInvoiceChanges extends DoFn<KafkaRecord<String, String>, Change> {
  static final TupleTag<Change> CHANGES = new TupleTag<Change>() {};
  static final TupleTag<Row> DEAD_LETTERS = new TupleTag<Row>() {};
  private static final Set<String> DATES = Set.of("joining_date", "date_issued");

  private final String step;
  private final InvoiceTable table;
  private final StepMetrics metrics;

  ParseInvoiceChanges(String step, InvoiceTable table) {
    this.step = step;
    this.table = table;
    this.metrics = StepMetrics.of(step);
  }

  @ProcessElement
  public void process(@Element KafkaRecord<String, String> record, MultiOutputReceiver out) {
    metrics.read().inc();
    String value = record.getKV().getValue();
    // Partition and offset make one ordering position; a key's events share a partition.
    long position = ((long) record.getPartition() << 48) | record.getOffset();
    try {
      if (value == null) {
        return; // Debezium's tombstone after a delete: the delete itself already applied.
      }
      DebeziumEnvelope event = DebeziumEnvelope.parse(value);
      Row before = event.before == null ? null
          : table.parse(DebeziumEnvelope.values(event.before, table.columns(), DATES));
      Row after = event.after == null ? null
          : table.parse(DebeziumEnvelope.values(event.after, table.columns(), DATES));
      if (event.isDelete()) {
        out.get(CHANGES).output(ChangeRows.delete(table.table, table.key(before), "", event.tsMs, position));
        return;
      }
      if (before != null && !table.key(before).equals(table.key(after))) {
        out.get(CHANGES).output(ChangeRows.delete(table.table, table.key(before), "", event.tsMs, position));
      }
      out.get(CHANGES).output(ChangeRows.upsert(table.table, table.key(after), "", after, event.tsMs, position));
    } catch (RowRejected | IllegalArgumentException e) {
      metrics.deadLettered().inc();
      out.get(DEAD_LETTERS).output(DeadLetterSchema.of(step, record.getTopic() + "/" + record.getPartition(),
          record.getOffset(), value, e.getMessage()));
    }
  }
}
