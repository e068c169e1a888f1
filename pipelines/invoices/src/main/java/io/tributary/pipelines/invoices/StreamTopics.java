package io.tributary.pipelines.invoices;

import io.tributary.transforms.cdc.ReadCdcEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** The stream's Kafka topics, created when missing (by the stream itself and by the replay tool). */
public final class StreamTopics {
  private StreamTopics() {}

  /** The four input topics, the two output changelogs (compacted) and the dead letters' topic. */
  public static void create(InvoicesOptions options, int partitions) throws Exception {
    String prefix = options.getTopicPrefix();
    Properties p = new Properties();
    p.put("bootstrap.servers", options.getBootstrapServers());
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> topics = new ArrayList<>();
      for (InvoiceTable t : InvoiceTable.values()) {
        topics.add(new NewTopic(ReadCdcEvents.topic(prefix, t.table), partitions, (short) 1));
      }
      for (String out : List.of(IncrementalJoins.LATE_PAYMENT, IncrementalJoins.PRODUCT_MIX)) {
        topics.add(new NewTopic(ReadCdcEvents.topic(prefix, out), partitions, (short) 1)
            .configs(Map.of("cleanup.policy", "compact")));
      }
      topics.add(new NewTopic(ReadCdcEvents.topic(prefix, "deadletter"), 1, (short) 1));
      topics.removeIf(t -> existing.contains(t.name()));
      try {
        admin.createTopics(topics).all().get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }
}
