package io.tributary.tools;

import io.tributary.core.step.StepReport;
import io.tributary.pipelines.inventory.ActiveListings;
import io.tributary.pipelines.inventory.InventoryGroups;
import io.tributary.pipelines.inventory.InventoryOptions;
import io.tributary.pipelines.inventory.InventoryStep;
import io.tributary.pipelines.inventory.ListingActivity;
import io.tributary.pipelines.inventory.cli.InventoryCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tributary bench inventory}: a generated marketplace of about {@code --listings} active
 * listings, then {@code inventory run} for the last day, then for all {@code --days} days as one
 * backfill, each on a fresh lake; per step the input MB read and MB/s.
 */
@Command(name = "inventory", mixinStandardHelpOptions = true,
    description = "Generated marketplace of --listings active listings over --days days: one day, then the whole range as one backfill.")
final class BenchInventoryCommand extends InventoryCommand.Base {
  @Option(names = "--listings", defaultValue = "100000", description = "Active listings per day, about (default ${DEFAULT-VALUE})")
  long listings;

  @Option(names = "--days", defaultValue = "7", description = "Snapshot days; the backfill runs them all (default ${DEFAULT-VALUE})")
  int days;

  @Option(names = "--scope", defaultValue = "both",
      description = "day (the last day alone), backfill (the --days days as one run) or both (default ${DEFAULT-VALUE})")
  String scope;

  @Option(names = "--last-day", defaultValue = "2024-06-30", description = "Last day (default ${DEFAULT-VALUE})")
  String lastDay;

  @Mixin BenchRun.Flags bench = new BenchRun.Flags();

  @Override
  protected List<Function<InventoryOptions, InventoryStep>> steps() {
    return List.of(ActiveListings::new, ListingActivity::new, InventoryGroups::new);
  }

  @Override
  protected String commandName() {
    return "bench";
  }

  @Override
  public Integer call() throws Exception {
    InventoryOptions probe = inventoryOptions();
    int longest = 0;
    for (String w : probe.getWindows().split(",")) {
      longest = Math.max(longest, Integer.parseInt(w.trim()));
    }
    int lookback = 2 * longest;
    LocalDate last = LocalDate.parse(lastDay);
    Path data = bench.work.resolve("inventory-" + listings + "-" + days + "-" + lookback + "-" + bench.seed);
    BenchRun.generateIfAbsent(data.resolve("zip_dma/zip_dma.csv"), () -> {
      InventoryGenerator.Counts c = InventoryGenerator.write(data, listings, days, last, lookback, bench.seed);
      return data + ": " + c.vehicleRows + " vehicle rows, " + c.impressionRows + " impression rows, " + c.leads + " leads";
    });
    input = data.toString();
    String runner = runnerChoice().shortName();
    List<String> rates = new ArrayList<>();
    if (!List.of("day", "backfill", "both").contains(scope)) {
      throw new IllegalArgumentException("--scope '" + scope + "': day, backfill or both");
    }
    for (boolean backfill : new boolean[] {false, true}) {
      if (scope.equals(backfill ? "day" : "backfill")) {
        continue;
      }
      String what = backfill ? "backfill " + last.minusDays(days - 1L) + ".." + last : "day " + last;
      lake = BenchRun.freshLake(bench.work.resolve("lake-inventory-" + runner + (backfill ? "-backfill" : "-day")));
      date = backfill ? null : last.toString();
      from = backfill ? last.minusDays(days - 1L).toString() : null;
      to = backfill ? last.toString() : null;
      try (BenchRun run = BenchRun.start("bench inventory --listings=" + listings + " " + what + " on " + runner)) {
        InventoryOptions options = inventoryOptions();
        int span = backfill ? days : 1;
        for (Function<InventoryOptions, InventoryStep> step : steps()) {
          StepReport r = run.run(options, step.apply(options));
          rates.add(String.format("%-9s %-8s %9d rows read %9d table rows %8.1f s %9.0f rows/s",
              backfill ? "backfill" : "one day", r.step, r.read, r.tableRead, r.wallMillis / 1000.0, r.rowsPerSecond()));
        }
        run.print(System.out, String.format("input %.1f MB for %d day(s) (vehicle %.1f MB, impressions %.1f MB)",
            (mb(data, "vehicle", last, span) + mb(data, "impressions", last, span + lookback)), span,
            mb(data, "vehicle", last, span), mb(data, "impressions", last, span + lookback)));
      }
    }
    rates.forEach(System.out::println);
    return 0;
  }

  /** MB of an input's day folders for the {@code span} days ending at {@code last}. */
  private static double mb(Path data, String input, LocalDate last, int span) throws Exception {
    long bytes = 0;
    String partition = input.equals("vehicle") ? "snapshot_date" : "date";
    for (int i = 0; i < span; i++) {
      Path folder = data.resolve(input + "/" + partition + "=" + last.minusDays(i));
      if (Files.isDirectory(folder)) {
        try (Stream<Path> files = Files.list(folder)) {
          bytes += files.mapToLong(f -> f.toFile().length()).sum();
        }
      }
    }
    return bytes / 1e6;
  }
}
