package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.step.StepExecutor;
import io.tributary.tools.InvoicesGenerator;
import io.tributary.pipelines.invoices.InvoicesOptions;
import io.tributary.pipelines.invoices.RunInvoices;
import io.tributary.tools.LocalKafka;
import io.tributary.runners.Main;
import io.tributary.transforms.io.CsvFields;
import io.tributary.transforms.jdbc.JdbcUrls;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming CDC pipeline against a real Kafka broker (KRaft, on loopback): a snapshot and random
 * changes replayed, `invoices stream` on Flink killed (SIGKILL) mid-stream and restarted from its
 * last checkpoint while more changes arrive, then its final JDBC tables and compacted Kafka
 * changelogs compared with `invoices run` (batch) over the final tables at the same as-of day.
 */
class StreamingCdcTest {
  static final String AS_OF = "2024-06-30";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void streamAfterKillAndRestartEqualsBatchOverTheFinalTables() throws Exception {
    Path source = dir.resolve("source");
    InvoicesGenerator.write(source, 40, 7);
    try (LocalKafka kafka = LocalKafka.start(dir.resolve("kafka"), 0)) {
      String servers = kafka.bootstrapServers();
      String jdbc = "jdbc:h2:file:" + dir.resolve("stream-db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
      Path lake = dir.resolve("lake");

      assertEquals(0, replay(servers, source, false, 400, 1, dir.resolve("s1")));
      Process first = stream(servers, jdbc, lake, "first.log");
      try {
        awaitCheckpoints(lake, 2, first);
        assertEquals(0, replay(servers, dir.resolve("s1"), true, 400, 2, dir.resolve("s2")));
        Thread.sleep(1500); // some of these applied, the rest not yet checkpointed
      } finally {
        first.destroyForcibly().waitFor();
      }
      assertEquals(0, replay(servers, dir.resolve("s2"), true, 400, 3, dir.resolve("s3")));

      Process second = stream(servers, jdbc, lake, "second.log");
      try {
        Map<String, String> expectedLate = batch(dir.resolve("s3"), "late_payment");
        Map<String, String> expectedMix = batch(dir.resolve("s3"), "product_mix");
        assertTrue(expectedLate.size() > 30, "a meaningful number of accounts: " + expectedLate.size());
        long deadline = System.currentTimeMillis() + 180_000;
        Map<String, String> late = Map.of();
        Map<String, String> mix = Map.of();
        while (System.currentTimeMillis() < deadline && second.isAlive()) {
          try {
            late = jdbcTable(jdbc, "invoices_late_payment_current");
            mix = jdbcTable(jdbc, "invoices_product_mix_current");
          } catch (java.sql.SQLNonTransientConnectionException e) {
            // The restarted stream is taking over the H2 file lock the killed one left (AUTO_SERVER
            // has no server to hand us yet: "Lock file recently modified"): ask again.
            Thread.sleep(2000);
            continue;
          }
          if (late.equals(expectedLate) && mix.equals(expectedMix)) {
            break;
          }
          Thread.sleep(2000);
        }
        String log = Files.readString(dir.resolve("second.log"));
        assertTrue(log.contains("resuming from"), "the restart resumed from a retained checkpoint: " + tail(log));
        String state = (second.isAlive() ? "stream running" : "stream exited " + second.exitValue())
            + " after " + (System.currentTimeMillis() - (deadline - 180_000)) / 1000 + " s";
        assertSame(expectedLate, late, "JDBC late_payment vs batch (" + state + ")", log);
        assertSame(expectedMix, mix, "JDBC product_mix vs batch (" + state + ")", log);
        assertSame(expectedLate, compacted(servers, "invoices.late_payment"), "Kafka late_payment vs batch", log);
        assertSame(expectedMix, compacted(servers, "invoices.product_mix"), "Kafka product_mix vs batch", log);
        awaitCommittedToEnd(servers, second);
      } finally {
        second.destroyForcibly().waitFor();
      }
    }
  }

  /**
   * Fails with only the rows that differ (a whole table does not fit in a CI summary) and the end
   * of the stream's log.
   */
  private static void assertSame(Map<String, String> expected, Map<String, String> actual, String what, String log) {
    if (expected.equals(actual)) {
      return;
    }
    Set<String> accounts = new TreeSet<>(expected.keySet());
    accounts.addAll(actual.keySet());
    StringBuilder diff = new StringBuilder();
    int differ = 0;
    for (String account : accounts) {
      if (!Objects.equals(expected.get(account), actual.get(account)) && differ++ < 5) {
        diff.append("\n  account ").append(account).append(":\n    expected ").append(expected.get(account))
            .append("\n    actual   ").append(actual.get(account));
      }
    }
    throw new AssertionError(what + ": " + differ + " of " + accounts.size() + " accounts differ (first 5 shown):"
        + diff + "\nstream log ends:\n" + tail(log));
  }

  private static String tail(String log) {
    List<String> lines = log.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }

  private int replay(String servers, Path source, boolean noSnapshot, int changes, long seed, Path out) {
    List<String> args = new ArrayList<>(List.of("invoices", "cdc-replay", "--source=" + source,
        "--changes=" + changes, "--seed=" + seed, "--bootstrap-servers=" + servers, "--final-snapshot=" + out));
    if (noSnapshot) {
      args.add("--no-snapshot");
    }
    return Main.execute(args.toArray(new String[0]));
  }

  /** `tributary invoices stream` in its own JVM, so it can be killed like a crashed job. */
  private Process stream(String servers, String jdbc, Path lake, String log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-Daws.") || arg.startsWith("-Dlog4j2")
          || arg.startsWith("-Djdk.reflect")) {
        command.add(arg);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "invoices", "stream", "--lake=" + lake, "--jdbc-url=" + jdbc, "--bootstrap-servers=" + servers,
        "--as-of=" + AS_OF, "--sink-jdbc", "--checkpoint-interval-ms=1000", "--parallelism=2"));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile()).start();
  }

  private void awaitCheckpoints(Path lake, int n, Process stream) throws Exception {
    Path root = lake.resolve("checkpoints/invoices-stream");
    long deadline = System.currentTimeMillis() + 120_000;
    while (System.currentTimeMillis() < deadline) {
      assertTrue(stream.isAlive(), "stream died: " + Files.readString(dir.resolve("first.log")));
      if (Files.isDirectory(root)) {
        try (var walk = Files.walk(root, 3)) {
          long done = walk.filter(p -> p.getFileName().toString().equals("_metadata")).count();
          if (done >= 1 && latestCheckpointNumber(root) >= n) {
            return;
          }
        }
      }
      Thread.sleep(500);
    }
    throw new AssertionError("no checkpoint within 120 s");
  }

  private static long latestCheckpointNumber(Path root) throws Exception {
    try (var walk = Files.walk(root, 2)) {
      return walk.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("chk-"))
          .mapToLong(n -> Long.parseLong(n.substring(4))).max().orElse(0);
    }
  }

  /** `invoices run` over a CSV folder, as account_id -> comparable line. */
  private Map<String, String> batch(Path source, String output) throws Exception {
    Path lake = dir.resolve("batch-" + source.getFileName());
    if (!Files.exists(lake)) {
      InvoicesOptions o = PipelineOptionsFactory.fromArgs("--runner=DirectRunner", "--lake=" + lake,
          "--source=" + source, "--asOf=" + AS_OF, "--runId=batch").as(InvoicesOptions.class);
      new StepExecutor(o, System.err).run(new RunInvoices(o));
    }
    Path csv = lake.resolve("exports/invoices_" + output + "/as_of=" + AS_OF + "/" + output + ".csv");
    List<String> records = records(Files.readString(csv));
    List<String> header = CsvFields.split(records.get(0));
    Map<String, String> rows = new TreeMap<>();
    for (String record : records.subList(1, records.size())) {
      List<String> values = CsvFields.split(record);
      Map<String, String> row = new TreeMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), values.get(i));
      }
      rows.put(row.get("account_id"), comparable(row));
    }
    return rows;
  }

  private static List<String> records(String text) throws java.io.IOException {
    List<String> out = new ArrayList<>();
    io.tributary.transforms.io.CsvRecordReader records = new io.tributary.transforms.io.CsvRecordReader(
        new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true);
    for (io.tributary.transforms.io.CsvRecordReader.Record r = records.next(); r != null; r = records.next()) {
      assertEquals(null, r.problem, r.text);
      if (!r.text.isEmpty()) {
        out.add(r.text);
      }
    }
    return out;
  }

  /** A row as sorted name=value pairs, numbers normalised (a late amount to cents), nulls as empty. */
  private static String comparable(Map<String, String> row) {
    return row.entrySet().stream().map(e -> e.getKey() + "=" + normal(e.getKey(), e.getValue()))
        .collect(Collectors.joining("|"));
  }

  private static String normal(String column, String value) {
    if (value == null || value.equals("null")) {
      return "";
    }
    if (column.equals("late_amount")) {
      return String.format("%.2f", Double.parseDouble(value));
    }
    return value;
  }

  private static Map<String, String> jdbcTable(String url, String table) throws Exception {
    Map<String, String> rows = new TreeMap<>();
    try (Connection c = JdbcUrls.connect(url); Statement s = c.createStatement()) {
      if (!io.tributary.transforms.jdbc.JdbcTables.exists(c, table)) {
        return rows;
      }
      try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
        while (rs.next()) {
          Map<String, String> row = new TreeMap<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getString(i));
          }
          rows.put(row.get("account_id"), comparable(row));
        }
      }
    }
    return rows;
  }

  /** The topic read from the start, last value per key, tombstones removing the key. */
  private static Map<String, String> compacted(String servers, String topic) {
    Properties p = new Properties();
    p.put("bootstrap.servers", servers);
    p.put("group.id", "test-reader-" + System.nanoTime());
    p.put("auto.offset.reset", "earliest");
    Map<String, String> rows = new TreeMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      int idle = 0;
      while (idle < 3) {
        var records = consumer.poll(Duration.ofSeconds(2));
        idle = records.isEmpty() ? idle + 1 : 0;
        for (ConsumerRecord<String, String> r : records) {
          if (r.value() == null) {
            rows.remove(r.key());
          } else {
            rows.put(r.key(), fromJson(r.value()));
          }
        }
      }
    }
    return rows;
  }

  private static String fromJson(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      Map<String, String> row = new TreeMap<>();
      node.fields().forEachRemaining(e -> row.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
      return comparable(row);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** With checkpoints going on, the group's committed offsets reach the end of every input topic. */
  private static void awaitCommittedToEnd(String servers, Process stream) throws Exception {
    Map<String, Long> lag = io.tributary.tools.ConsumerLag.awaitZero(servers, "tributary-invoices",
        List.of("invoices.accounts", "invoices.invoices", "invoices.invoice_line_items", "invoices.skus"), 60_000);
    assertEquals(4, lag.size(), "one partition per input topic: " + lag);
    assertTrue(lag.values().stream().allMatch(l -> l == 0), "committed offsets did not reach the end: lag " + lag);
  }
}
