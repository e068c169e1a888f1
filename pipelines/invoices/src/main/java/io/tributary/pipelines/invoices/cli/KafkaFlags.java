package io.tributary.pipelines.invoices.cli;

import io.tributary.core.cli.BeamCommand;
import io.tributary.core.cli.EnvConfig;
import io.tributary.core.cli.RunSummary;
import io.tributary.core.cli.RunnerChoice;
import java.util.Map;
import io.tributary.core.cli.StepArg;
import picocli.CommandLine.Option;

/** The Kafka flags of the commands that talk to the CDC topics (a picocli mixin). */
public final class KafkaFlags {
  @StepArg("bootstrapServers")
  @Option(names = "--bootstrap-servers", description = "Kafka (default: config invoices.bootstrapServers, else 127.0.0.1:9092)")
  String bootstrapServers;

  @StepArg("topicPrefix")
  @Option(names = "--topic-prefix", description = "Topic prefix (default: config invoices.topicPrefix, else invoices)")
  String topicPrefix;

}
