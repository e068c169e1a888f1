package io.tributary.tools;

import io.tributary.core.cli.RunSummary;
import io.tributary.core.step.PipelineStep;
import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import io.tributary.transforms.lake.LakeFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;
import picocli.CommandLine.Option;

/**
 * The one bench harness: generate the input if absent (kept in the work folder for later runs and
 * other runners), a fresh lake per run, the steps run through the same {@link StepExecutor} as the
 * product, and a summary headed by what the numbers depend on (runner, cores, max heap) and closed
 * by the peak used heap (sampled) and the process's peak RSS.
 */
final class BenchRun implements AutoCloseable {
  /** The flags every bench shares. */
  static final class Flags {
    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--work", defaultValue = "bench-work", description = "Scratch folder (default ${DEFAULT-VALUE})")
    Path work;
  }

  /** Writes a generated input. */
  @FunctionalInterface
  interface Generator {
    String generate() throws Exception;
  }

  private final RunSummary summary;
  private final HeapSampler heap = new HeapSampler();

  private BenchRun(String title) {
    this.summary = new RunSummary(title + " (" + Runtime.getRuntime().availableProcessors() + " cores, max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)");
    heap.start();
  }

  /** Starts sampling; {@code title} names the bench, its size and the runner. */
  static BenchRun start(String title) {
    return new BenchRun(title);
  }

  /**
   * Runs {@code generator} unless {@code marker} (a file the generator writes) exists; logs what it
   * generated ({@code generator}'s description) and how long it took.
   */
  static void generateIfAbsent(Path marker, Generator generator) throws Exception {
    if (Files.exists(marker)) {
      return;
    }
    long start = System.currentTimeMillis();
    String what = generator.generate();
    System.err.printf("generated %s in %.1f s%n", what, (System.currentTimeMillis() - start) / 1000.0);
  }

  /** An empty lake folder (what a previous run left is deleted), as a path for {@code --lake}. */
  static String freshLake(Path dir) {
    LakeFiles.delete(dir.toString());
    return dir.toString();
  }

  StepReport run(PipelineOptions options, PipelineStep step) {
    StepReport report = new StepExecutor(options, System.err).run(step);
    summary.add(report);
    return report;
  }

  /** The summary, the memory line, then {@code extra} lines (rates, sizes). */
  void print(PrintStream out, String... extra) {
    summary.print(out);
    out.printf("peak used heap %d MiB (sampled every 200 ms), peak RSS %s%n", heap.peak >> 20, peakRss());
    for (String line : extra) {
      out.println(line);
    }
  }

  @Override
  public void close() {
    heap.interrupt();
  }

  static String peakRss() {
    try (Stream<String> lines = Files.lines(Paths.get("/proc/self/status"))) {
      return lines.filter(l -> l.startsWith("VmHWM:")).map(l -> l.substring(6).trim()).findFirst().orElse("n/a");
    } catch (IOException e) {
      return "n/a";
    }
  }

  /** Samples used heap: per-pool peaks happen at different times and cannot be summed. */
  static final class HeapSampler extends Thread {
    volatile long peak;

    HeapSampler() {
      setDaemon(true);
      setName("heap-sampler");
    }

    @Override
    public void run() {
      Runtime rt = Runtime.getRuntime();
      while (!isInterrupted()) {
        peak = Math.max(peak, rt.totalMemory() - rt.freeMemory());
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }
}
