package io.tributary.tools;

import io.tributary.core.cli.BeamCommand;
import io.tributary.core.cli.RunSummary;
import io.tributary.pipelines.trips.cli.TripsCommand;
import io.tributary.core.step.StepExecutor;
import io.tributary.pipelines.trips.IngestTrips;
import io.tributary.pipelines.trips.ReportTrips;
import io.tributary.pipelines.trips.RouteTrips;
import io.tributary.pipelines.trips.TransformTrips;
import io.tributary.tools.TripsGenerator;
import io.tributary.pipelines.trips.TripsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary bench <pipeline>}: generate data, run the pipeline on a fresh lake, print throughput. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (never part of the tests).",
    subcommands = {BenchCommand.Trips.class, BenchInvoicesCommand.class, BenchStockCommand.class,
        BenchInputsCommand.CsvRecords.class, BenchInputsCommand.Xlsx.class})
public final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "trips", mixinStandardHelpOptions = true,
      description = "generate trips --rows=N, then trips run on a fresh lake; prints rows/s per step and peak memory.")
  static final class Trips extends BeamCommand implements Callable<Integer> {
    @Option(names = "--rows", required = true, description = "Rows to generate")
    long rows;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--work", defaultValue = "bench-work", description = "Scratch folder (default ${DEFAULT-VALUE})")
    Path work;

    @Override
    public Integer call() throws Exception {
      Path csv = work.resolve("trips-" + rows + "-" + seed + ".csv");
      if (!Files.exists(csv)) {
        long start = System.currentTimeMillis();
        TripsGenerator.write(csv, rows, seed);
        System.err.printf("generated %s in %.1f s%n", csv, (System.currentTimeMillis() - start) / 1000.0);
      }
      Path lakeDir = work.resolve("lake-" + runnerChoice().shortName());
      io.tributary.transforms.lake.LakeFiles.delete(lakeDir.toString());
      lake = lakeDir.toString();
      Map<String, String> args = new HashMap<>();
      args.put("source", csv.toString());
      TripsOptions options = TripsCommand.tripsOptions(this, args);
      RunSummary summary = new RunSummary("bench trips --rows=" + rows + " on " + runnerChoice().shortName()
          + " (" + Runtime.getRuntime().availableProcessors() + " cores, max heap "
          + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB)");
      StepExecutor executor = new StepExecutor(options, System.err);
      HeapSampler heap = new HeapSampler();
      heap.start();
      summary.add(executor.run(new IngestTrips(options)));
      summary.add(executor.run(new TransformTrips(options)));
      summary.add(executor.run(new RouteTrips(options)));
      summary.add(executor.run(new ReportTrips(options)));
      heap.interrupt();
      summary.print(System.out);
      System.out.printf("peak used heap %d MiB (sampled every 200 ms), peak RSS %s%n", heap.peak >> 20, peakRss());
      return 0;
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

    static String peakRss() {
      try (Stream<String> lines = Files.lines(Paths.get("/proc/self/status"))) {
        return lines.filter(l -> l.startsWith("VmHWM:")).map(l -> l.substring(6).trim()).findFirst().orElse("n/a");
      } catch (IOException e) {
        return "n/a";
      }
    }
  }
}
