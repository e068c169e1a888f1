package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.catalog.CatalogConfig;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.runners.Main;
import io.tributary.testing.LakeTableRows;
import io.tributary.transforms.jdbc.JdbcUrls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two processes, one table: run A is held between its pipeline and its commit while run B
 * transforms and commits; then A commits. A's overwrite would silently undo B's, so it must fail
 * naming B, and the table shows B's snapshot. On the embedded H2 catalog (two JVMs on one file) and
 * on a PostgreSQL catalog.
 */
class ConcurrentRunsTest {
  @TempDir Path dir;

  private List<String> cli(String catalog, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    command.add("--lake=" + dir.resolve("lake"));
    command.add("--runner=direct");
    if (catalog != null) {
      command.add("--catalog-uri=" + catalog);
    }
    return command;
  }

  private static String output(Process p, Path log) throws Exception {
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "still running");
    return p.exitValue() + "\n" + Files.readString(log);
  }

  @ParameterizedTest
  @ValueSource(strings = {"embedded", "postgresql"})
  void aRunWhoseTableAnotherRunChangedFailsNamingIt(String kind) throws Exception {
    String catalog = null;
    if (kind.equals("postgresql")) {
      catalog = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
      try (Connection c = JdbcUrls.connect(catalog); Statement s = c.createStatement()) {
        // Entries an earlier run left in the shared catalog point at a lake that is gone: this test's lake is new.
        try {
          s.execute("DELETE FROM iceberg_tables WHERE catalog_name = '" + CatalogConfig.NAME + "'");
        } catch (java.sql.SQLException noCatalogYet) {
          // the catalog creates its tables on first use
        }
      }
    }
    String sample = Path.of("..", "samples", "trips.csv").toAbsolutePath().toString();
    Path log0 = dir.resolve("ingest.log");
    Process ingest = new ProcessBuilder(cli(catalog, "trips", "ingest", "--source=" + sample))
        .redirectErrorStream(true).redirectOutput(log0.toFile()).start();
    assertTrue(output(ingest, log0).startsWith("0\n"), Files.readString(log0));

    Path go = dir.resolve("go");
    List<String> heldCommand = cli(catalog, "trips", "transform", "--runId=run-a");
    heldCommand.add(1, "-Dtributary.test.holdBeforeCommit=" + go);
    Path logA = dir.resolve("a.log");
    Process a = new ProcessBuilder(heldCommand).redirectErrorStream(true).redirectOutput(logA.toFile()).start();
    Path waiting = Path.of(go + ".waiting");
    long deadline = System.currentTimeMillis() + 150_000;
    while (!Files.exists(waiting) && a.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(Files.exists(waiting), "run A never reached its commit: " + Files.readString(logA));

    Path logB = dir.resolve("b.log");
    Process b = new ProcessBuilder(cli(catalog, "trips", "transform", "--runId=run-b"))
        .redirectErrorStream(true).redirectOutput(logB.toFile()).start();
    String outB = output(b, logB);
    assertTrue(outB.startsWith("0\n"), outB);
    Files.writeString(go, "");
    String outA = output(a, logA);
    assertTrue(outA.startsWith("1\n"), outA);
    assertTrue(outA.contains("table trips.curated_trips was changed by run run-b"), outA);
    assertTrue(outA.contains("nothing of run run-a was committed"), outA);

    CatalogConfig config = catalog == null ? CatalogConfig.embedded(dir.resolve("lake").toString())
        : CatalogConfig.jdbc(catalog, dir.resolve("lake").toString(), java.util.Map.of());
    try (LakeCatalog c = LakeCatalog.open(config)) {
      assertEquals("run-b", c.existing("trips.curated_trips").currentSnapshot().summary().get("tributary.run-id"));
    }
    if (catalog == null) {
      assertEquals(100, LakeTableRows.read(dir.resolve("lake"), "trips.curated_trips").size());
    }
  }
}
