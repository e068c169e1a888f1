package io.tributary.pipelines.invoices.cli;

import io.tributary.core.cli.BeamCommand;
import io.tributary.core.cli.EnvConfig;
import io.tributary.core.cli.RunSummary;
import io.tributary.core.cli.RunnerChoice;
import io.tributary.core.step.Lake;
import io.tributary.pipelines.invoices.InvoicesOptions;
import io.tributary.pipelines.invoices.RunInvoices;
import io.tributary.pipelines.invoices.StreamInvoices;
import io.tributary.pipelines.invoices.StreamTopics;
import io.tributary.core.step.StepExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tributary invoices stream}: the CDC pipeline on Flink, checkpointing its state and Kafka
 * offsets to {@code <lake>/checkpoints/invoices-stream}. Checkpoints are retained when the process
 * stops (or dies), and the next start resumes from the newest one.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
    description = "Streaming CDC on Flink: Debezium topics <prefix>.{accounts,invoices,invoice_line_items,skus} -> "
        + "upsert changelogs <prefix>.late_payment / <prefix>.product_mix (+ JDBC *_current tables with --sink-jdbc). "
        + "Runs until stopped; restarts resume from the last checkpoint.")
public final class InvoicesStreamCommand extends InvoicesCommand.Base implements Callable<Integer> {
  @Mixin KafkaFlags kafka = new KafkaFlags();

  @Option(names = "--checkpoint-dir", description = "Where checkpoints are kept (default <lake>/checkpoints/invoices-stream; local or a Flink-supported URI)")
  String checkpointDir;

  @Option(names = "--checkpoint-interval-ms", defaultValue = "5000", description = "Checkpoint every N ms; offsets are committed with each (default ${DEFAULT-VALUE})")
  long checkpointInterval;

  @Option(names = "--fresh", description = "Ignore retained checkpoints and start with empty state from the committed offsets")
  boolean fresh;

  @Override
  protected Map<String, String> stepArgs() {
    Map<String, String> args = super.stepArgs();
    args.put("streaming", "true");
    args.put("checkpointingInterval", String.valueOf(checkpointInterval));
    args.put("externalizedCheckpointsEnabled", "true");
    args.put("retainExternalizedCheckpointsOnCancellation", "true");
    return args;
  }

  @Override
  protected RunnerChoice runnerChoice() {
    RunnerChoice choice = runner == null || runner.isBlank() ? RunnerChoice.FLINK : super.runnerChoice();
    if (choice != RunnerChoice.FLINK) {
      throw new IllegalArgumentException("invoices stream runs on the Flink runner (checkpointed state and offsets); got --runner="
          + choice.shortName());
    }
    return choice;
  }

  @Override
  public Integer call() throws Exception {
    InvoicesOptions options = invoicesOptions();
    Path checkpoints = Paths.get(checkpointDir != null ? checkpointDir
        : Lake.root(options) + "/checkpoints/invoices-stream").toAbsolutePath().normalize();
    Optional<Path> resume = fresh ? Optional.empty() : newestCheckpoint(checkpoints);
    options.as(FlinkPipelineOptions.class).setFlinkConfDir(writeFlinkConf(checkpoints, resume).toString());
    // Resolved once here, before the graph: the stream and this log line use the same day.
    options.setAsOf(RunInvoices.asOf(options).toString());
    StreamTopics.create(options, 1);
    System.err.printf("[invoices stream] as of %s, Kafka %s, topics %s.*, checkpoints %s, %s%n", options.getAsOf(),
        options.getBootstrapServers(), options.getTopicPrefix(), checkpoints,
        resume.map(p -> "resuming from " + p).orElse("starting with empty state"));
    new StepExecutor(options, System.err)
        .run(new StreamInvoices(options, StreamInvoices.kafkaSource(options), StreamInvoices.kafkaSinks(options)));
    return 0;
  }

  /** The newest complete checkpoint (a chk-N folder holding _metadata) under {@code root}. */
  static Optional<Path> newestCheckpoint(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> walk = Files.walk(root, 3)) {
      return walk.filter(p -> p.getFileName().toString().equals("_metadata")
              && p.getParent().getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
          .map(Path::getParent);
    }
  }

  /**
   * Flink's configuration for the local cluster: checkpoint storage, retention, loopback-only
   * addresses, and the checkpoint to restore (Beam's --savepointPath is honoured only by remote clusters).
   */
  public static Path writeFlinkConf(Path checkpoints, Optional<Path> resume) throws IOException {
    Path dir = checkpoints.resolveSibling(checkpoints.getFileName() + "-flink-conf");
    Files.createDirectories(dir);
    StringBuilder conf = new StringBuilder()
        .append("state.backend.type: hashmap\n")
        .append("state.checkpoints.dir: ").append(checkpoints.toUri()).append('\n')
        .append("state.checkpoints.num-retained: 2\n")
        .append("execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION\n")
        .append("jobmanager.bind-host: 127.0.0.1\n")
        .append("jobmanager.rpc.address: 127.0.0.1\n")
        .append("taskmanager.bind-host: 127.0.0.1\n")
        .append("taskmanager.host: 127.0.0.1\n")
        .append("rest.bind-address: 127.0.0.1\n")
        .append("rest.address: 127.0.0.1\n");
    resume.ifPresent(p -> conf.append("execution.savepoint.path: ").append(p.toUri()).append('\n'));
    Files.writeString(dir.resolve("flink-conf.yaml"), conf.toString());
    return dir;
  }
}
