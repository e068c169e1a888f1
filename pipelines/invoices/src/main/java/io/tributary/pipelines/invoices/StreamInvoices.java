package io.tributary.pipelines.invoices;

import io.tributary.core.step.Lake;
import io.tributary.schemas.DeadLetterSchema;
import io.tributary.schemas.InvoiceSchemas;
import io.tributary.transforms.cdc.ApplyLatestPerKey;
import io.tributary.transforms.cdc.Change;
import io.tributary.transforms.cdc.WriteChangelog;
import io.tributary.transforms.jdbc.UpsertJdbcRows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code invoices stream}: Debezium CDC topics in, late_payment and product_mix kept current out.
 *
 * <pre>
 * <prefix>.{accounts,invoices,invoice_line_items,skus} -> parse (dead letters to <prefix>.deadletter)
 *   -> latest change per primary key -> price lines -> summarise invoices -> per-account outputs
 *   -> <prefix>.late_payment / <prefix>.product_mix (upsert changelog, key account_id)
 *   -> JDBC invoices_late_payment_current / invoices_product_mix_current (with --sinkJdbc)
 * </pre>
 *
 * Offsets are committed to the consumer group only when a checkpoint completes
 * ({@code commitOffsetsInFinalize}); the table state lives in Beam state and is checkpointed with
 * them, so a restart from the last checkpoint neither loses nor double-applies a change. The
 * sinks are upserts, so records re-sent after a restart rewrite the same values.
 */
public final class StreamInvoices {
  public static final String NAME = "invoices-stream";
  public static final String JDBC_LATE_PAYMENT = "invoices_late_payment_current";
  public static final String JDBC_PRODUCT_MIX = "invoices_product_mix_current";

  private StreamInvoices() {}

  public static String topic(InvoicesOptions options, String table) {
    return options.getTopicPrefix() + "." + table;
  }

  public static void expand(Pipeline pipeline, InvoicesOptions options) {
    LocalDate asOf = RunInvoices.asOf(options);
    List<PCollection<Change>> parsed = new ArrayList<>();
    List<PCollection<Row>> rejects = new ArrayList<>();
    for (InvoiceTable table : InvoiceTable.values()) {
      PCollectionTuple events = pipeline
          .apply("Read " + table.table, KafkaIO.<String, String>read()
              .withBootstrapServers(options.getBootstrapServers())
              .withTopic(topic(options, table.table))
              .withKeyDeserializer(StringDeserializer.class)
              .withValueDeserializer(StringDeserializer.class)
              .withConsumerConfigUpdates(Map.of(
                  "group.id", options.getConsumerGroup(),
                  "auto.offset.reset", "earliest",
                  "enable.auto.commit", false))
              .commitOffsetsInFinalize())
          .apply("Parse " + table.table, ParDo.of(new ParseInvoiceChanges(NAME, table, Lake.dates(options)))
              .withOutputTags(ParseInvoiceChanges.CHANGES, TupleTagList.of(ParseInvoiceChanges.DEAD_LETTERS)));
      parsed.add(events.get(ParseInvoiceChanges.CHANGES).setCoder(changeCoder(pipeline)));
      rejects.add(events.get(ParseInvoiceChanges.DEAD_LETTERS).setRowSchema(DeadLetterSchema.DEAD_LETTER));
    }
    PCollection<Change> current = PCollectionList.of(parsed)
        .apply("AllChanges", Flatten.pCollections())
        .apply("LatestPerKey", ApplyLatestPerKey.create());

    PCollection<Change> outputs = current.apply("Join", JoinInvoiceChanges.asOf(asOf, options.getPaymentTermDays()));

    sink(options, outputs, IncrementalJoins.LATE_PAYMENT, InvoiceSchemas.LATE_PAYMENT, JDBC_LATE_PAYMENT);
    sink(options, outputs, IncrementalJoins.PRODUCT_MIX, InvoiceSchemas.PRODUCT_MIX, JDBC_PRODUCT_MIX);

    PCollectionList.of(rejects).apply("AllRejects", Flatten.pCollections())
        .apply("RejectsAsJson", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via((Row r) -> KV.of(r.getString("source"), WriteChangelog.toJson(r))))
        .apply("WriteRejects", KafkaIO.<String, String>write()
            .withBootstrapServers(options.getBootstrapServers())
            .withTopic(topic(options, "deadletter"))
            .withKeySerializer(org.apache.kafka.common.serialization.StringSerializer.class)
            .withValueSerializer(org.apache.kafka.common.serialization.StringSerializer.class));
  }

  private static void sink(InvoicesOptions options, PCollection<Change> outputs, String kind, Schema schema,
      String jdbcTable) {
    PCollection<Change> changes = outputs.apply("Only " + kind, Filter.by((Change c) -> c.kind.equals(kind)));
    changes.apply("Kafka " + kind, WriteChangelog.to(options.getBootstrapServers(), topic(options, kind), schema));
    if (options.getSinkJdbc()) {
      changes.apply("Jdbc " + kind, UpsertJdbcRows.into(Lake.jdbcUrl(options), jdbcTable, schema, "account_id"));
    }
  }

  private static org.apache.beam.sdk.coders.Coder<Change> changeCoder(Pipeline pipeline) {
    return JoinInvoiceChanges.changeCoder(pipeline);
  }
}
