package io.tributary.tools;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group's committed offsets are behind the end of its topics, per partition.
 * The stream commits only with checkpoints, so zero everywhere means every event is checkpointed.
 */
public final class ConsumerLag {
  private ConsumerLag() {}

  /** Lag per partition ("topic-partition" -> events not yet committed) of every partition of {@code topics}. */
  public static Map<String, Long> of(String servers, String group, Collection<String> topics) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", servers);
    try (Admin admin = Admin.create(p)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
        topic.partitions().forEach(part -> latest.put(new TopicPartition(topic.name(), part.partition()), OffsetSpec.latest()));
      }
      var ends = admin.listOffsets(latest).all().get();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<String, Long> lag = new TreeMap<>();
      for (TopicPartition tp : latest.keySet()) {
        OffsetAndMetadata c = committed.get(tp);
        lag.put(tp.toString(), ends.get(tp).offset() - (c == null ? 0 : c.offset()));
      }
      return lag;
    }
  }

  /** Waits until the group has committed every partition to its end; the lag left when it gives up. */
  public static Map<String, Long> awaitZero(String servers, String group, Collection<String> topics, long timeoutMs)
      throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    Map<String, Long> lag = of(servers, group, topics);
    while (lag.values().stream().anyMatch(l -> l > 0) && System.currentTimeMillis() < deadline) {
      Thread.sleep(1000);
      lag = of(servers, group, topics);
    }
    return lag;
  }
}
