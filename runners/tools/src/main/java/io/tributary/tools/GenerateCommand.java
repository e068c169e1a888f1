package io.tributary.tools;

import io.tributary.core.cli.EnvConfig;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary generate <pipeline>}: synthetic input data, reproducible from a seed. */
@Command(name = "generate", mixinStandardHelpOptions = true, description = "Write synthetic input data.",
    subcommands = {GenerateCommand.Trips.class, GenerateCommand.Invoices.class, GenerateCommand.Stock.class,
        GenerateCommand.Inventory.class})
public final class GenerateCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /**
   * What every generator shares: a seed, an output ({@code --out}, else a name from the size and
   * seed), and a line saying what was written and how long it took.
   */
  abstract static class Generator implements Callable<Integer> {
    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "Output file or folder (default <pipeline>-<size>-<seed>)")
    Path out;

    /** Writes the data to {@code target}; says what it wrote. */
    abstract String write(Path target) throws Exception;

    /** The output's name when {@code --out} is not given. */
    abstract String defaultName();

    @Override
    public final Integer call() throws Exception {
      Path target = out != null ? out : Paths.get(defaultName());
      long start = System.currentTimeMillis();
      String what = write(target);
      System.out.printf("wrote %s: %s in %.1f s%n", target, what, (System.currentTimeMillis() - start) / 1000.0);
      return 0;
    }
  }

  @Command(name = "trips", mixinStandardHelpOptions = true,
      description = "Challenge-format trips CSV: 8 regions with hub structure, ~2%% duplicates, ~0.5%% malformed rows.")
  static final class Trips extends Generator {
    @Option(names = "--rows", required = true, description = "Rows to write (header not counted)")
    long rows;

    @Option(names = "--days", defaultValue = "365", description = "Days of 2018 the trips fall on (default ${DEFAULT-VALUE})")
    int days;

    @Override
    String defaultName() {
      return "trips-" + rows + "-" + seed + ".csv";
    }

    @Override
    String write(Path file) throws Exception {
      TripsGenerator.Summary s = TripsGenerator.write(file, rows, seed, days);
      return s.rows + " rows (" + s.duplicates + " duplicates, " + s.malformed + " malformed)";
    }
  }

  @Command(name = "invoices", mixinStandardHelpOptions = true,
      description = "The seed's four CSV tables: per account ~10 invoices of ~5 line items, 1000 skus, issued in 2023-2024.")
  static final class Invoices extends Generator {
    @Option(names = "--accounts", required = true, description = "Accounts to write")
    int accounts;

    @Override
    String defaultName() {
      return "invoices-" + accounts + "-" + seed;
    }

    @Override
    String write(Path dir) throws Exception {
      InvoicesGenerator.Counts c = InvoicesGenerator.write(dir, accounts, seed);
      return c.accounts + " accounts, " + c.invoices + " invoices, " + c.lineItems + " line items, " + c.skus + " skus";
    }
  }

  @Command(name = "stock", mixinStandardHelpOptions = true,
      description = "product.csv, store.csv and daily xlsx feeds per supplier (stock_feed/year=/month=/day=/S_yyyymmdd.xlsx).")
  static final class Stock extends Generator {
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

    @Override
    String defaultName() {
      return "stock-" + listings + "-" + seed;
    }

    @Override
    String write(Path dir) throws Exception {
      StockGenerator.Counts c = StockGenerator.write(dir, io.tributary.pipelines.stock.SupplierRules.load(
              suppliersConfig != null ? suppliersConfig : EnvConfig.configFile("suppliers.yaml")),
          suppliers, parts, listings, days, java.time.LocalDate.parse(firstDay), seed);
      return c.products + " products, " + c.listings + " listings, " + c.feeds + " feeds with " + c.feedRows + " rows";
    }
  }

  @Command(name = "inventory", mixinStandardHelpOptions = true,
      description = "A car marketplace's lake for `inventory`: daily vehicle snapshots, history, impressions, leads, zip_dma.")
  static final class Inventory extends Generator {
    @Option(names = "--listings", required = true, description = "Listings active on a day (about)")
    long listings;

    @Option(names = "--days", defaultValue = "7", description = "Snapshot days (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--last-day", defaultValue = "2024-06-30", description = "Last snapshot day (default ${DEFAULT-VALUE})")
    String lastDay;

    @Option(names = "--lookback-days", defaultValue = "60",
        description = "Days of impressions and leads before the first snapshot day, for the activity windows "
            + "(twice the longest window; default ${DEFAULT-VALUE})")
    int lookbackDays;

    @Override
    String defaultName() {
      return "inventory-" + listings + "-" + seed;
    }

    @Override
    String write(Path dir) throws Exception {
      InventoryGenerator.Counts c = InventoryGenerator.write(dir, listings, days, java.time.LocalDate.parse(lastDay),
          lookbackDays, seed);
      return c.listings + " listings, " + c.vehicleRows + " vehicle rows over " + days + " days, " + c.historyRows
          + " history events, " + c.impressionRows + " impression rows, " + c.leads + " leads";
    }
  }
}
