package io.tributary.runners;

import io.tributary.core.cli.EnvConfig;
import io.tributary.core.cli.RunnerChoice;
import io.tributary.pipelines.trips.cli.TripsCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.pipelines.trips.TripsOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class CliTest {
  private static String capture(boolean err, Runnable action) {
    PrintStream saved = err ? System.err : System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(buffer, true, StandardCharsets.UTF_8);
    if (err) {
      System.setErr(stream);
    } else {
      System.setOut(stream);
    }
    try {
      action.run();
    } finally {
      if (err) {
        System.setErr(saved);
      } else {
        System.setOut(saved);
      }
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "trips", "trips ingest", "trips transform", "trips routes", "trips report", "trips run",
      "trips sql", "trips load-db", "generate trips", "bench trips", "invoices", "invoices run", "invoices stream",
      "invoices cdc-replay", "generate invoices", "bench invoices", "dev kafka", "stock", "stock load-product",
      "stock load-store", "stock feed", "stock ebay", "stock prune", "generate stock",
      "bench stock", "bench csv-records", "bench xlsx", "table", "table list", "table history", "table schema",
      "table export", "table rollback", "table expire", "table clean"})
  void everyCommandHasHelp(String command) {
    String[] args = (command + " --help").trim().split(" ");
    int[] code = new int[1];
    String out = capture(false, () -> code[0] = Main.cli().execute(args));
    assertEquals(0, code[0]);
    assertTrue(out.contains("Usage: tributary"), out);
  }

  /** The runner's defaults, then config, then the Beam flags the user passed through. */
  private static TripsOptions options(String... args) {
    TripsCommand.Transform command = new TripsCommand.Transform();
    new CommandLine(command).parseArgs(args);
    return TripsCommand.tripsOptions(command, new HashMap<>());
  }

  @Test
  void unknownFlagsReachBeamAndOverrideRunnerDefaults() {
    TripsOptions o = options("--runner=flink", "--parallelism=3", "--config-dir=../config", "--lake=/tmp/l");
    FlinkPipelineOptions flink = o.as(FlinkPipelineOptions.class);
    assertEquals("FlinkRunner", o.getRunner().getSimpleName());
    assertEquals(3, flink.getParallelism());
    assertEquals("[local]", flink.getFlinkMaster());
    assertEquals("/tmp/l", o.getLake());
  }

  @Test
  void configValuesApplyAndFlagsWin() {
    TripsOptions fromConfig = options("--config-dir=../config");
    assertEquals("SparkRunner", fromConfig.getRunner().getSimpleName());
    assertEquals("MEMORY_AND_DISK",
        fromConfig.as(org.apache.beam.runners.spark.SparkPipelineOptions.class).getStorageLevel());
    assertEquals(5, fromConfig.getRoutesK());
    assertEquals("./lake", fromConfig.getLake());
    assertTrue(fromConfig.getBoundingBoxes().startsWith("1:7.6,45.0,7.75,45.12;"), fromConfig.getBoundingBoxes());
    TripsOptions flagged = options("--config-dir=../config", "--routesK=7", "--runner=direct");
    assertEquals(7, flagged.getRoutesK());
    assertEquals("DirectRunner", flagged.getRunner().getSimpleName());
  }

  /** inventory's options as {@code inventory run} resolves them from these flags. */
  private static io.tributary.pipelines.inventory.InventoryOptions inventoryOptions(String... args) {
    io.tributary.pipelines.inventory.cli.InventoryCommand.Run command = new io.tributary.pipelines.inventory.cli.InventoryCommand.Run();
    new CommandLine(command).parseArgs(args);
    return command.inventoryOptions();
  }

  @Test
  void inventoryCachesSerializedOnSparkUnlessTheUserSaysOtherwise() {
    String level = inventoryOptions("--config-dir=../config", "--runner=spark", "--date=2024-06-10")
        .as(org.apache.beam.runners.spark.SparkPipelineOptions.class).getStorageLevel();
    assertEquals("MEMORY_AND_DISK_SER", level);
    String flagged = inventoryOptions("--config-dir=../config", "--runner=spark", "--date=2024-06-10", "--storageLevel=MEMORY_ONLY")
        .as(org.apache.beam.runners.spark.SparkPipelineOptions.class).getStorageLevel();
    assertEquals("MEMORY_ONLY", flagged);
    assertEquals("FlinkRunner", inventoryOptions("--config-dir=../config", "--runner=flink", "--date=2024-06-10")
        .getRunner().getSimpleName());
  }

  @Test
  void badInputGetsAClearErrorAndExitCode() {
    Map<List<String>, String> cases = new java.util.HashMap<>(Map.of(
        List.of("trips", "transform", "--runner=storm", "--config-dir=../config"), "unknown runner 'storm'",
        List.of("trips", "transform", "--paralelism=2", "--config-dir=../config"), "paralelism",
        List.of("trips", "transform", "--env=nowhere", "--config-dir=../config"), "no config for --env=nowhere",
        List.of("invoices", "run", "--source=/no/such/dir", "--config-dir=../config", "--runner=direct"),
        "no file matches /no/such/dir/accounts.csv",
        List.of("invoices", "run", "--as-of=31/03/2024", "--config-dir=../config", "--runner=direct"),
        "--as-of must be yyyy-MM-dd, got '31/03/2024'",
        List.of("invoices", "stream", "--runner=spark", "--config-dir=../config"), "invoices stream runs on the Flink runner"));
    cases.putAll(Map.of(
        List.of("stock", "feed", "/tmp/feeds/stock.xlsx", "--config-dir=../config", "--runner=direct"),
        "cannot tell the supplier of /tmp/feeds/stock.xlsx",
        List.of("stock", "feed", "/tmp/XYZ_1.xlsx", "--date=2024-06-01", "--config-dir=../config", "--runner=direct"),
        "no feed rule for supplier 'XYZ' in ",
        List.of("stock", "feed", "/tmp/BET_1.xlsx", "--date=1/6/2024", "--config-dir=../config", "--runner=direct"),
        "--date must be yyyy-MM-dd, got '1/6/2024'",
        List.of("table", "rollback", "stock.orders", "--config-dir=../config", "--lake=/tmp/no-lake"),
        "no table stock.orders in the catalog",
        List.of("stock", "prune", "--older-than=1month", "--config-dir=../config"), "--older-than must be a number of days",
        List.of("stock", "prune", "--date=30/06/2024", "--config-dir=../config", "--lake=/tmp/no-lake"),
        "--date must be yyyy-MM-dd, got '30/06/2024'",
        List.of("stock", "ebay", "--config-dir=../config", "--lake=/tmp/no-lake", "--runner=direct"),
        "no stock.supplier_stock rows: run stock feed first; no stock.store rows: run stock load-store first"));
    cases.forEach((args, message) -> {
      int[] code = new int[1];
      String err = capture(true, () -> code[0] = Main.execute(args.toArray(new String[0])));
      assertEquals(1, code[0], err);
      assertTrue(err.contains(message), err);
    });
  }

  @Test
  void runnerNamesAreCaseInsensitiveAndAcceptBeamNames() {
    assertEquals(RunnerChoice.FLINK, RunnerChoice.parse("FlinkRunner"));
    assertEquals(RunnerChoice.DIRECT, RunnerChoice.parse("DIRECT"));
    assertEquals(RunnerChoice.DEFAULT, RunnerChoice.parse(null));
    assertThrows(IllegalArgumentException.class, () -> RunnerChoice.parse("samza"));
  }

  /** Issue 9, item 12: outside the checkout, default config files come from $TRIBUTARY_HOME/config. */
  @org.junit.jupiter.api.Test
  void generateStockOutsideTheRepoFindsTheSuppliersConfig(@org.junit.jupiter.api.io.TempDir java.nio.file.Path elsewhere)
      throws Exception {
    List<String> command = List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "generate", "stock", "--parts=3",
        "--listings=10", "--days=1", "--out=" + elsewhere.resolve("out"));
    ProcessBuilder pb = new ProcessBuilder(command).directory(elsewhere.toFile()).redirectErrorStream(true);
    pb.environment().put("TRIBUTARY_HOME", java.nio.file.Path.of("..").toAbsolutePath().normalize().toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertTrue(java.nio.file.Files.isDirectory(elsewhere.resolve("out")), out);
    pb.environment().remove("TRIBUTARY_HOME");
    Process without = pb.start();
    String error = new String(without.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(1, without.waitFor(), error);
    assertTrue(error.contains("config/suppliers.yaml"), error);
  }

  @Test
  void snapshotRetentionComesFromTheConfigPerTableThenItsDefault(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Files.writeString(dir.resolve("ops.yaml"),
        "retention:\n  default: 14d\n  stock:\n    supplier_stock: 45d\n");
    java.nio.file.Files.writeString(dir.resolve("bare.yaml"), "lake: ./lake\n");
    EnvConfig ops = EnvConfig.load("ops", dir.toString());
    assertEquals("45d", ops.retention("stock.supplier_stock"));
    assertEquals("14d", ops.retention("trips.raw_trips"));
    assertEquals("30d", EnvConfig.load("bare", dir.toString()).retention("stock.supplier_stock"));
  }

  @Test
  void anUnknownPipelineOrStepIsExitCode2WithTheKnownOnesWithOrWithoutHelp() {
    for (String[] args : new String[][] {{"buyerstage", "--help"}, {"buyerstage"}, {"buyerstage", "run", "--date=2024-06-01"}}) {
      int[] code = new int[1];
      String err = capture(true, () -> code[0] = Main.execute(args));
      assertEquals(2, code[0], String.join(" ", args) + ": " + err);
      assertTrue(err.contains("unknown pipeline or command 'buyerstage' (known: trips, invoices, stock, inventory, table, dev, "
          + "generate, bench)"),
          err);
    }
    int[] code = new int[1];
    String err = capture(true, () -> code[0] = Main.execute("trips", "ingset", "--help"));
    assertEquals(2, code[0], err);
    assertTrue(err.contains("unknown trips step 'ingset' (known: ingest, transform, routes, report, run, sql, load-db)"), err);
    err = capture(true, () -> code[0] = Main.execute("inventory", "activty", "--date=2024-06-10"));
    assertEquals(2, code[0], err);
    assertTrue(err.contains("unknown inventory step 'activty' (known: active, activity, groups, run)"), err);
  }

  @Test
  void aConfigKeyThatIsNoSettingIsAnErrorNamingItAndNestedKeysMapInCamelCase(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("typo.yaml"), "trips:\n  routes:\n    k: 7\n    seeed: 1\n");
    TripsCommand.Transform command = new TripsCommand.Transform();
    new CommandLine(command).parseArgs("--env=typo", "--config-dir=" + dir, "--runner=direct");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TripsCommand.tripsOptions(command, new HashMap<>()));
    assertTrue(e.getMessage().contains("trips.routes.seeed is not a setting of trips") && e.getMessage().contains("routesSeed"),
        e.getMessage());
    java.nio.file.Files.writeString(dir.resolve("ok.yaml"), "trips:\n  routes:\n    k: 7\n");
    TripsCommand.Transform ok = new TripsCommand.Transform();
    new CommandLine(ok).parseArgs("--env=ok", "--config-dir=" + dir, "--runner=direct");
    assertEquals(7, TripsCommand.tripsOptions(ok, new HashMap<>()).getRoutesK());
  }
}
