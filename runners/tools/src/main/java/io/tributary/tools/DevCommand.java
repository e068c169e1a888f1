package io.tributary.tools;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary dev}: local stand-ins for production services, for demos and development. */
@Command(name = "dev", mixinStandardHelpOptions = true, description = "Local services for development.",
    subcommands = {DevCommand.Kafka.class})
public final class DevCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "kafka", mixinStandardHelpOptions = true,
      description = "A single-node Kafka broker (KRaft) on 127.0.0.1, until Ctrl-C; its data stays in --dir.")
  static final class Kafka implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "kafka-data", description = "Data folder (default ${DEFAULT-VALUE})")
    Path dir;

    @Option(names = "--port", defaultValue = "9092", description = "Broker port (default ${DEFAULT-VALUE})")
    int port;

    @Override
    public Integer call() throws Exception {
      LocalKafka kafka = LocalKafka.start(dir, port);
      System.out.println("Kafka listening on " + kafka.bootstrapServers() + " (data in " + dir + "); Ctrl-C stops it");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        kafka.close();
        stop.countDown();
      }));
      stop.await();
      return 0;
    }
  }
}
