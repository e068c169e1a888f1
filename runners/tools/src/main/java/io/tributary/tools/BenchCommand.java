package io.tributary.tools;

import io.tributary.core.cli.BeamCommand;
import io.tributary.pipelines.trips.cli.TripsCommand;
import io.tributary.pipelines.trips.IngestTrips;
import io.tributary.pipelines.trips.ReportTrips;
import io.tributary.pipelines.trips.RouteTrips;
import io.tributary.pipelines.trips.TransformTrips;
import io.tributary.pipelines.trips.TripsOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tributary bench <pipeline>}: generate data, run the pipeline on a fresh lake, print throughput. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (never part of the tests).",
    subcommands = {BenchCommand.Trips.class, BenchInvoicesCommand.class, BenchStockCommand.class, BenchInventoryCommand.class,
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

    @Mixin BenchRun.Flags bench = new BenchRun.Flags();

    @Override
    public Integer call() throws Exception {
      Path csv = bench.work.resolve("trips-" + rows + "-" + bench.seed + ".csv");
      BenchRun.generateIfAbsent(csv, () -> {
        TripsGenerator.write(csv, rows, bench.seed);
        return csv.toString();
      });
      lake = BenchRun.freshLake(bench.work.resolve("lake-" + runnerChoice().shortName()));
      TripsOptions options = TripsCommand.tripsOptions(this, Map.of("source", csv.toString()));
      try (BenchRun run = BenchRun.start("bench trips --rows=" + rows + " on " + runnerChoice().shortName())) {
        run.run(options, new IngestTrips(options));
        run.run(options, new TransformTrips(options));
        run.run(options, new RouteTrips(options));
        run.run(options, new ReportTrips(options));
        run.print(System.out);
      }
      return 0;
    }
  }
}
