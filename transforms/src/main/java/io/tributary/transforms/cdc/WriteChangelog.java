package io.tributary.transforms.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes changes as an upsert changelog to a Kafka topic: key = the row's key, value = the row as
 * JSON, a null value (tombstone) for a delete, so a compacted topic holds the current table. The
 * record timestamp is the source change's time, which lets a consumer measure end-to-end latency.
 */
public final class WriteChangelog extends PTransform<PCollection<Change>, PDone> {
  private final String bootstrapServers;
  private final String topic;
  private final Schema schema;
  private final Map<String, Object> producerConfig;

  private WriteChangelog(String bootstrapServers, String topic, Schema schema, Map<String, Object> producerConfig) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.schema = schema;
    this.producerConfig = producerConfig;
  }

  public static WriteChangelog to(String bootstrapServers, String topic, Schema schema) {
    return new WriteChangelog(bootstrapServers, topic, schema, Map.of());
  }

  @Override
  public PDone expand(PCollection<Change> changes) {
    return changes
        .apply("ToRecord", ParDo.of(new ToRecordFn(topic, schema)))
        .setCoder(ProducerRecordCoder.of(StringUtf8Coder.of(), NullableCoder.of(StringUtf8Coder.of())))
        .apply("Kafka", KafkaIO.<String, String>writeRecords()
            .withBootstrapServers(bootstrapServers)
            .withTopic(topic)
            .withKeySerializer(StringSerializer.class)
            .withValueSerializer(StringSerializer.class)
            .withProducerConfigUpdates(producerConfig));
  }

  private static final class ToRecordFn extends DoFn<Change, ProducerRecord<String, String>> {
    private final String topic;
    private final Schema schema;

    ToRecordFn(String topic, Schema schema) {
      this.topic = topic;
      this.schema = schema;
    }

    @ProcessElement
    public void process(@Element Change change, OutputReceiver<ProducerRecord<String, String>> out) {
      Row row = ChangeRows.decode(change, schema);
      out.output(new ProducerRecord<>(topic, null, change.tsMs, change.key, row == null ? null : toJson(row)));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A row as a JSON object: dates ISO strings, decimals as numbers, nulls kept. */
  public static String toJson(Row row) {
    ObjectNode node = JSON.createObjectNode();
    for (Schema.Field field : row.getSchema().getFields()) {
      Object v = row.getValue(field.getName());
      String name = field.getName();
      if (v == null) {
        node.putNull(name);
      } else if (v instanceof Long) {
        node.put(name, (Long) v);
      } else if (v instanceof Integer) {
        node.put(name, (Integer) v);
      } else if (v instanceof Double) {
        node.put(name, (Double) v);
      } else if (v instanceof BigDecimal) {
        node.put(name, (BigDecimal) v);
      } else if (v instanceof Boolean) {
        node.put(name, (Boolean) v);
      } else if (v instanceof Iterable) {
        ArrayNode array = node.putArray(name);
        ((Iterable<?>) v).forEach(x -> array.add(String.valueOf(x)));
      } else {
        node.put(name, v.toString());
      }
    }
    return node.toString();
  }
}
