package io.tributary.tools;

import io.tributary.core.cli.EnvConfig;
import io.tributary.tools.TripsGenerator;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary generate <pipeline>}: synthetic input data, reproducible from a seed. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Write synthetic input data.",
    subcommands = {GenerateCommand.Trips.class, GenerateCommand.Invoices.class, GenerateCommand.Stock.class})
public final class GenerateCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "trips", mixinStandardHelpOptions = true,
      description = "Challenge-format trips CSV: 8 regions with hub structure, ~2%% duplicates, ~0.5%% malformed rows.")
  static final class Trips implements Callable<Integer> {
    @Option(names = "--rows", required = true, description = "Rows to write (header not counted)")
    long rows;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--days", defaultValue = "365", description = "Days of 2018 the trips fall on (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--out", description = "Output file (default trips-<rows>-<seed>.csv)")
    Path out;

    @Override
    public Integer call() throws Exception {
      Path file = out != null ? out : Paths.get("trips-" + rows + "-" + seed + ".csv");
      long start = System.currentTimeMillis();
      TripsGenerator.Summary s = TripsGenerator.write(file, rows, seed, days);
      System.out.printf("wrote %s: %d rows (%d duplicates, %d malformed) in %.1f s%n", file, s.rows, s.duplicates,
          s.malformed, (System.currentTimeMillis() - start) / 1000.0);
      return 0;
    }
  }

  @Command(name = "invoices", mixinStandardHelpOptions = true,
      description = "The seed's four CSV tables: per account ~10 invoices of ~5 line items, 1000 skus, issued in 2023-2024.")
  static final class Invoices implements Callable<Integer> {
    @Option(names = "--accounts", required = true, description = "Accounts to write")
    int accounts;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "Output folder (default invoices-<accounts>-<seed>)")
    Path out;

    @Override
    public Integer call() throws Exception {
      Path dir = out != null ? out : Paths.get("invoices-" + accounts + "-" + seed);
      long start = System.currentTimeMillis();
      InvoicesGenerator.Counts c =
          InvoicesGenerator.write(dir, accounts, seed);
      System.out.printf("wrote %s: %d accounts, %d invoices, %d line items, %d skus in %.1f s%n", dir, c.accounts,
          c.invoices, c.lineItems, c.skus, (System.currentTimeMillis() - start) / 1000.0);
      return 0;
    }
  }

  @Command(name = "stock", mixinStandardHelpOptions = true,
      description = "product.csv, store.csv and daily xlsx feeds per supplier (stock_feed/year=/month=/day=/S_yyyymmdd.xlsx).")
  static final class Stock implements Callable<Integer> {
    @Option(names = "--suppliers", defaultValue = "BET,APE,ROL,SMP,RTG", split = ",",
        description = "Suppliers (rules from --suppliers-config; default ${DEFAULT-VALUE})")
    java.util.List<String> suppliers;

    @Option(names = "--parts", defaultValue = "1000", description = "Products per supplier = rows per feed (default ${DEFAULT-VALUE})")
    int parts;

    @Option(names = "--listings", defaultValue = "5000", description = "Store rows (default ${DEFAULT-VALUE})")
    long listings;

    @Option(names = "--days", defaultValue = "3", description = "Days of feeds (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--first-day", defaultValue = "2024-06-03", description = "First feed day (default ${DEFAULT-VALUE})")
    String firstDay;

    @Option(names = "--suppliers-config",
        description = "Feed layouts (default ./config/suppliers.yaml, else $TRIBUTARY_HOME/config/suppliers.yaml)")
    Path suppliersConfig;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "Output folder (default stock-<listings>-<seed>)")
    Path out;

    @Override
    public Integer call() throws Exception {
      Path dir = out != null ? out : Paths.get("stock-" + listings + "-" + seed);
      long start = System.currentTimeMillis();
      io.tributary.tools.StockGenerator.Counts c = io.tributary.tools.StockGenerator.write(dir,
          io.tributary.pipelines.stock.SupplierRules.load(
              suppliersConfig != null ? suppliersConfig : EnvConfig.configFile("suppliers.yaml")),
          suppliers, parts, listings, days,
          java.time.LocalDate.parse(firstDay), seed);
      System.out.printf("wrote %s: %d products, %d listings, %d feeds with %d rows in %.1f s%n", dir, c.products,
          c.listings, c.feeds, c.feedRows, (System.currentTimeMillis() - start) / 1000.0);
      return 0;
    }
  }
}
