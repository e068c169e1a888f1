package io.tributary.pipelines.invoices;

import io.tributary.core.step.Lake;
import io.tributary.core.step.PipelineStep;
import io.tributary.schemas.InvoiceSchemas;
import io.tributary.transforms.cdc.CdcEvent;
import io.tributary.transforms.cdc.Change;
import io.tributary.transforms.cdc.ReadCdcEvents;
import io.tributary.transforms.cdc.WriteChangelog;
import io.tributary.transforms.jdbc.UpsertJdbcRows;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code invoices stream} as a step: a source of change events, {@link InvoiceChangelogs}, and
 * sinks for the two changelogs and the dead letters, the source and sinks passed in. The command
 * passes {@link #kafkaSource} and {@link #kafkaSinks}:
 *
 * <pre>
 * <prefix>.{accounts,invoices,invoice_line_items,skus} -> InvoiceChangelogs
 *   -> <prefix>.late_payment / <prefix>.product_mix (upsert changelog, key account_id)
 *   -> JDBC invoices_late_payment_current / invoices_product_mix_current (with --sinkJdbc)
 *   dead letters -> <prefix>.deadletter
 * </pre>
 *
 * The table state lives in Beam state and is checkpointed with the source offsets (see {@link
 * ReadCdcEvents}). The sinks are upserts, so records re-sent after a restart rewrite the same values.
 * Nothing is committed at the end: a stream publishes as it goes.
 */
public final class StreamInvoices implements PipelineStep {
  public static final String NAME = "invoices-stream";
  public static final String JDBC_LATE_PAYMENT = "invoices_late_payment_current";
  public static final String JDBC_PRODUCT_MIX = "invoices_product_mix_current";

  /** Where the stream's outputs go. */
  public interface Sinks extends Serializable {
    PTransform<PCollection<Change>, ? extends POutput> changelog(String kind, Schema schema);

    PTransform<PCollection<Row>, ? extends POutput> deadLetters();
  }

  private final InvoicesOptions options;
  private final PTransform<PBegin, PCollection<CdcEvent>> source;
  private final Sinks sinks;

  public StreamInvoices(InvoicesOptions options, PTransform<PBegin, PCollection<CdcEvent>> source, Sinks sinks) {
    this.options = options;
    this.source = source;
    this.sinks = sinks;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void expand(Pipeline pipeline) {
    PCollectionTuple out = pipeline.apply("Events", source)
        .apply("Changelogs", InvoiceChangelogs.of(NAME, RunInvoices.asOf(options), options.getPaymentTermDays(),
            Lake.dates(options)));
    out.get(InvoiceChangelogs.LATE_PAYMENT).apply("Sink " + IncrementalJoins.LATE_PAYMENT,
        sinks.changelog(IncrementalJoins.LATE_PAYMENT, InvoiceSchemas.LATE_PAYMENT));
    out.get(InvoiceChangelogs.PRODUCT_MIX).apply("Sink " + IncrementalJoins.PRODUCT_MIX,
        sinks.changelog(IncrementalJoins.PRODUCT_MIX, InvoiceSchemas.PRODUCT_MIX));
    out.get(InvoiceChangelogs.DEAD_LETTERS).apply("Sink dead letters", sinks.deadLetters());
  }

  public static String topic(InvoicesOptions options, String table) {
    return ReadCdcEvents.topic(options.getTopicPrefix(), table);
  }

  /** The four source tables' Debezium topics. */
  public static ReadCdcEvents kafkaSource(InvoicesOptions options) {
    List<String> tables = new ArrayList<>();
    for (InvoiceTable table : InvoiceTable.values()) {
      tables.add(table.table);
    }
    return ReadCdcEvents.fromKafka(options.getBootstrapServers(), options.getTopicPrefix(), tables,
        options.getConsumerGroup());
  }

  /** Changelog topics {@code <prefix>.<kind>} (and the JDBC current tables with --sinkJdbc), dead letters to {@code <prefix>.deadletter}. */
  public static Sinks kafkaSinks(InvoicesOptions options) {
    String servers = options.getBootstrapServers();
    String prefix = options.getTopicPrefix();
    String jdbcUrl = options.getSinkJdbc() ? Lake.jdbcUrl(options) : null;
    return new Sinks() {
      @Override
      public PTransform<PCollection<Change>, ? extends POutput> changelog(String kind, Schema schema) {
        String jdbcTable = kind.equals(IncrementalJoins.LATE_PAYMENT) ? JDBC_LATE_PAYMENT : JDBC_PRODUCT_MIX;
        return new PTransform<PCollection<Change>, PCollection<Change>>() {
          @Override
          public PCollection<Change> expand(PCollection<Change> changes) {
            changes.apply("Kafka", WriteChangelog.to(servers, ReadCdcEvents.topic(prefix, kind), schema));
            if (jdbcUrl != null) {
              changes.apply("Jdbc", UpsertJdbcRows.into(jdbcUrl, jdbcTable, schema, "account_id"));
            }
            return changes;
          }
        };
      }

      @Override
      public PTransform<PCollection<Row>, ? extends POutput> deadLetters() {
        return new PTransform<PCollection<Row>, POutput>() {
          @Override
          public POutput expand(PCollection<Row> rejects) {
            return rejects
                .apply("AsJson", MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via((Row r) -> KV.of(r.getString("source"), WriteChangelog.toJson(r))))
                .apply("Kafka", KafkaIO.<String, String>write()
                    .withBootstrapServers(servers)
                    .withTopic(ReadCdcEvents.topic(prefix, "deadletter"))
                    .withKeySerializer(StringSerializer.class)
                    .withValueSerializer(StringSerializer.class));
          }
        };
      }
    };
  }
}
