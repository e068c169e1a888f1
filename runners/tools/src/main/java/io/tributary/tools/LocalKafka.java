package io.tributary.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker in KRaft mode (no ZooKeeper), in this JVM, listening on 127.0.0.1
 * only: for `tributary dev kafka`, the streaming tests and the CDC benchmark. Its log folder is
 * formatted on first start and reused afterwards, so a restarted broker keeps its topics.
 */
public final class LocalKafka implements AutoCloseable {
  private final KafkaRaftServer server;
  private final int port;

  private LocalKafka(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Starts a broker on {@code port} (0: any free port) with its data in {@code dir}. */
  public static LocalKafka start(Path dir, int port) throws IOException {
    int brokerPort = port == 0 ? freePort() : port;
    int controllerPort = freePort();
    Files.createDirectories(dir);
    Path logs = dir.resolve("logs").toAbsolutePath();
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logs.toString());
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    Path config = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(config)) {
      p.store(out, "tributary local Kafka (KRaft)");
    }
    if (!Files.exists(logs.resolve("meta.properties"))) {
      format(config);
    }
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
    server.startup();
    LocalKafka kafka = new LocalKafka(server, brokerPort);
    kafka.awaitPort();
    return kafka;
  }

  /** Kafka's own `kafka-storage format`, kept from exiting this JVM. */
  private static void format(Path config) {
    Exit.setExitProcedure((code, message) -> {
      throw new FormatDone(code, message);
    });
    try {
      kafka.tools.StorageTool.main(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()});
    } catch (FormatDone done) {
      if (done.code != 0) {
        throw new IllegalStateException("formatting the Kafka log folder failed: " + done.getMessage());
      }
    } finally {
      Exit.resetExitProcedure();
    }
  }

  private static final class FormatDone extends RuntimeException {
    final int code;

    FormatDone(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }

  private void awaitPort() {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException("Kafka did not open 127.0.0.1:" + port + " within 60 s");
  }

  /** A free TCP port on 127.0.0.1 (for services the tests and benchmarks start). */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
