package io.tributary.transforms.cdc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The Kafka side of a CDC stream: topic {@code <prefix>.<table>} per source table, read from the
 * earliest offset on first start, offsets committed to the consumer group only when a checkpoint
 * completes ({@code commitOffsetsInFinalize}), so a restart from the last checkpoint neither loses
 * nor double-applies a change.
 */
public final class ReadCdcEvents extends PTransform<PBegin, PCollection<CdcEvent>> {
  private final String bootstrapServers;
  private final String topicPrefix;
  private final List<String> tables;
  private final String consumerGroup;

  private ReadCdcEvents(String bootstrapServers, String topicPrefix, List<String> tables, String consumerGroup) {
    this.bootstrapServers = bootstrapServers;
    this.topicPrefix = topicPrefix;
    this.tables = List.copyOf(tables);
    this.consumerGroup = consumerGroup;
  }

  public static ReadCdcEvents fromKafka(String bootstrapServers, String topicPrefix, List<String> tables,
      String consumerGroup) {
    return new ReadCdcEvents(bootstrapServers, topicPrefix, tables, consumerGroup);
  }

  public static String topic(String prefix, String table) {
    return prefix + "." + table;
  }

  @Override
  public PCollection<CdcEvent> expand(PBegin begin) {
    List<PCollection<CdcEvent>> all = new ArrayList<>();
    for (String table : tables) {
      all.add(begin
          .apply("Read " + table, KafkaIO.<String, String>read()
              .withBootstrapServers(bootstrapServers)
              .withTopic(topic(topicPrefix, table))
              .withKeyDeserializer(StringDeserializer.class)
              .withValueDeserializer(StringDeserializer.class)
              .withConsumerConfigUpdates(Map.of(
                  "group.id", consumerGroup,
                  "auto.offset.reset", "earliest",
                  "enable.auto.commit", false))
              .commitOffsetsInFinalize())
          .apply("Events " + table, MapElements.into(TypeDescriptor.of(CdcEvent.class))
              .via((KafkaRecord<String, String> r) -> new CdcEvent(table, r.getTopic(), r.getPartition(), r.getOffset(),
                  r.getKV().getKey(), r.getKV().getValue(), r.getTimestamp()))));
    }
    try {
      return PCollectionList.of(all).apply("AllTables", Flatten.pCollections())
          .setCoder(begin.getPipeline().getSchemaRegistry().getSchemaCoder(CdcEvent.class));
    } catch (NoSuchSchemaException e) {
      throw new IllegalStateException(e);
    }
  }
}
