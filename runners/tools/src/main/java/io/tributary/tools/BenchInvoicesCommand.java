package io.tributary.tools;

import io.tributary.core.cli.RunnerChoice;
import io.tributary.pipelines.invoices.cli.InvoicesCommand;
import io.tributary.pipelines.invoices.cli.InvoicesStreamCommand;
import io.tributary.core.step.StepExecutor;
import io.tributary.pipelines.invoices.InvoicesOptions;
import io.tributary.pipelines.invoices.RunInvoices;
import io.tributary.pipelines.invoices.StreamInvoices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tributary bench invoices}: batch (generate + invoices run on a fresh lake) or, with
 * {@code --cdc}, the stream on Flink against a local Kafka broker: events/s to drain a backlog,
 * then end-to-end latency (source change time to output record) at a fixed rate.
 */
@Command(name = "invoices", mixinStandardHelpOptions = true,
    description = "Batch: generate --accounts and run. --cdc: stream throughput (backlog of --events) and latency (at --rate).")
final class BenchInvoicesCommand extends InvoicesCommand.Base implements Callable<Integer> {
  @Option(names = "--accounts", defaultValue = "100000", description = "Accounts to generate: ~10 invoices, ~50 line items each (default ${DEFAULT-VALUE})")
  int accounts;

  @Mixin BenchRun.Flags bench = new BenchRun.Flags();

  @Option(names = "--cdc", description = "Benchmark the streaming CDC path instead of the batch run")
  boolean cdc;

  @Option(names = "--events", defaultValue = "100000", description = "CDC: random changes in the backlog (default ${DEFAULT-VALUE})")
  long events;

  @Option(names = "--rate", defaultValue = "200", description = "CDC: changes/s for the latency phase (default ${DEFAULT-VALUE})")
  double rate;

  @Override
  protected RunnerChoice runnerChoice() {
    return cdc && (runner == null || runner.isBlank()) ? RunnerChoice.FLINK : super.runnerChoice();
  }

  @Override
  public Integer call() throws Exception {
    Path data = bench.work.resolve("invoices-" + accounts + "-" + bench.seed);
    BenchRun.generateIfAbsent(data.resolve("skus.csv"), () -> {
      InvoicesGenerator.Counts c = InvoicesGenerator.write(data, accounts, bench.seed);
      return data + ": " + c.invoices + " invoices, " + c.lineItems + " line items";
    });
    return cdc ? cdc(data) : batch(data);
  }

  private int batch(Path data) throws Exception {
    lake = BenchRun.freshLake(bench.work.resolve("lake-invoices-" + runnerChoice().shortName()));
    Map<String, String> args = stepArgs();
    args.put("source", data.toString());
    args.put("asOf", asOf == null ? "2024-12-31" : asOf);
    InvoicesOptions options = options(InvoicesOptions.class, Map.of(), args);
    try (BenchRun run = BenchRun.start("bench invoices --accounts=" + accounts + " on " + runnerChoice().shortName())) {
      run.run(options, new RunInvoices(options));
      run.print(System.out, String.format("input %.1f MB", folderBytes(data) / 1e6));
    }
    return 0;
  }

  private int cdc(Path data) throws Exception {
    Path dir = bench.work.resolve("cdc-" + System.currentTimeMillis());
    try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
      Map<String, String> args = stepArgs();
      args.put("bootstrapServers", kafka.bootstrapServers());
      args.put("asOf", asOf == null ? "2024-12-31" : asOf);
      args.put("streaming", "true");
      args.put("checkpointingInterval", "5000");
      // The stream's own checkpoint set-up (file storage, retained): Flink's default keeps state in
      // the job manager's memory, which this benchmark outgrew at 5 MB (found by running it).
      args.put("flinkConfDir", InvoicesStreamCommand.writeFlinkConf(
          dir.resolve("checkpoints").toAbsolutePath(), java.util.Optional.empty()).toString());
      lake = dir.resolve("lake").toString();
      InvoicesOptions options = options(InvoicesOptions.class, Map.of(), args);
      long start = System.currentTimeMillis();
      CdcReplay.Result backlog = CdcReplay.replay(options, data, true, events, bench.seed, 2, 0, dir.resolve("s1"), System.err);
      long total = backlog.snapshotEvents + backlog.changeEvents;
      System.err.printf("backlog of %d events (%d snapshot + %d changes) produced in %.1f s%n", total,
          backlog.snapshotEvents, backlog.changeEvents, (System.currentTimeMillis() - start) / 1000.0);

      StreamInvoices stream = new StreamInvoices(options, StreamInvoices.kafkaSource(options),
          StreamInvoices.kafkaSinks(options));
      Thread job = new Thread(() -> new StepExecutor(options, System.err).run(stream), "invoices-stream");
      job.setDaemon(true);
      long streamStart = System.currentTimeMillis();
      job.start();
      long drained = awaitDrained(options, 1_800_000);
      double seconds = (drained - streamStart) / 1000.0;
      System.out.printf("CDC backlog: %d events drained in %.1f s (incl. job start-up) = %.0f events/s%n", total,
          seconds, total / seconds);

      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      Thread reader = new Thread(() -> readLatencies(options, latencies), "latency-reader");
      reader.setDaemon(true);
      reader.start();
      Thread.sleep(3000);
      long phase = (long) (rate * 30);
      CdcReplay.replay(options, dir.resolve("s1"), false, phase, bench.seed + 1, 2, rate, null, System.err);
      Thread.sleep(15_000);
      List<Long> sorted;
      synchronized (latencies) {
        sorted = new ArrayList<>(latencies);
      }
      Collections.sort(sorted);
      if (sorted.isEmpty()) {
        System.out.println("CDC latency: no output records seen");
      } else {
        System.out.printf("CDC latency at %.0f changes/s over 30 s: %d output records, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
            rate, sorted.size(), pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.get(sorted.size() - 1));
      }
    }
    System.exit(0); // the stream never ends by itself
    return 0;
  }

  private static long pct(List<Long> sorted, int p) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  /** When the consumer group has committed every input partition to its end (polled each second). */
  private static long awaitDrained(InvoicesOptions options, long timeoutMs) throws Exception {
    List<String> topics = new ArrayList<>();
    for (String t : List.of("accounts", "invoices", "invoice_line_items", "skus")) {
      topics.add(StreamInvoices.topic(options, t));
    }
    Map<String, Long> lag = ConsumerLag.awaitZero(options.getBootstrapServers(), options.getConsumerGroup(), topics,
        timeoutMs);
    if (lag.values().stream().anyMatch(l -> l > 0)) {
      throw new IllegalStateException("backlog not drained within " + timeoutMs / 1000 + " s: lag " + lag);
    }
    return System.currentTimeMillis();
  }

  /** Output records from now on: latency = arrival - record timestamp (the source change's time). */
  private static void readLatencies(InvoicesOptions options, List<Long> latencies) {
    Properties p = new Properties();
    p.put("bootstrap.servers", options.getBootstrapServers());
    p.put("group.id", "bench-latency");
    p.put("auto.offset.reset", "latest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(StreamInvoices.topic(options, "late_payment")));
      while (true) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          latencies.add(System.currentTimeMillis() - r.timestamp());
        }
      }
    }
  }

  private static long folderBytes(Path dir) throws Exception {
    try (var files = Files.list(dir)) {
      return files.mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
