package io.tributary.core.step;

import io.tributary.transforms.metrics.LocalProgress;
import io.tributary.transforms.metrics.StepMetrics;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a line every few seconds while a step runs: how long it has run and what its workers in
 * this JVM counted so far ({@link LocalProgress}), so a step of twenty minutes is not twenty silent
 * minutes. On a cluster the workers count in their own JVMs, and the line says so.
 */
final class StepProgress implements AutoCloseable {
  private final ScheduledExecutorService ticker;

  private StepProgress(ScheduledExecutorService ticker) {
    this.ticker = ticker;
  }

  /** Starts the ticks for {@code step} (none when {@code everySeconds} is 0). */
  static StepProgress start(String step, long everySeconds, PrintStream log) {
    LocalProgress.reset(step);
    if (everySeconds <= 0) {
      return new StepProgress(null);
    }
    long start = System.nanoTime();
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "progress-" + step);
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> log.println(line(step, (System.nanoTime() - start) / 1_000_000_000L)),
        everySeconds, everySeconds, TimeUnit.SECONDS);
    return new StepProgress(ticker);
  }

  /** The line for {@code step} after {@code seconds}. */
  static String line(String step, long seconds) {
    long read = LocalProgress.get(step, StepMetrics.READ);
    long tableRead = LocalProgress.get(step, StepMetrics.TABLE_READ);
    long written = LocalProgress.get(step, StepMetrics.WRITTEN);
    long dead = LocalProgress.get(step, StepMetrics.DEAD_LETTERED);
    String elapsed = String.format("[%s] running %d min %02d s: ", step, seconds / 60, seconds % 60);
    if (read + tableRead + written + dead == 0) {
      return elapsed + "no rows counted in this JVM yet (on a cluster the workers count: see its UI)";
    }
    StringBuilder b = new StringBuilder(elapsed);
    b.append(String.format("%,d rows read", read));
    if (tableRead > 0) {
      b.append(String.format(" and %,d lake-table rows", tableRead));
    }
    b.append(String.format(" (%,d rows/s), %,d dead-lettered, %,d written so far",
        Math.max(read, tableRead) / Math.max(1, seconds), dead, written));
    return b.toString();
  }

  @Override
  public void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
  }
}
