package io.tributary.pipelines.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.testing.LakeTableRows;
import io.tributary.transforms.jdbc.JdbcUrls;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs read from tables of a database ({@code --input-format=jdbc}): the hand-worked world loaded
 * into typed tables ({@link WorldInDatabase}) of embedded H2 and of the PostgreSQL and MariaDB
 * servers on 127.0.0.1 (a schema or database of its own, dropped after) gives the same three tables as the CSV world and the
 * same rejects, for the same reasons; the one impression a table cannot hold (filed under another
 * day) is the one reject fewer.
 */
class InventoryJdbcInputTest {
  @TempDir Path dir;

  static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
  static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql", "mariadb"})
  void tablesInADatabaseGiveTheSameOutputsAsTheFiles(String db) throws Exception {
    String schema = "inv_" + Long.toString(System.nanoTime(), 36);
    String url = db.equals("h2") ? "jdbc:h2:file:" + dir.resolve("market").toAbsolutePath()
        : db.equals("postgresql") ? POSTGRES + "&currentSchema=" + schema
        : MARIADB.replace("/test?", "/" + schema + "?");
    if (!db.equals("h2")) {
      execute(db.equals("postgresql") ? POSTGRES : MARIADB, (db.equals("postgresql") ? "CREATE SCHEMA " : "CREATE DATABASE ") + schema);
    }
    try {
      // MariaDB's TIMESTAMP converts through the session time zone and stops in 2038: DATETIME there.
      List<String> left = WorldInDatabase.load(url, Path.of(InventoryWorldTest.WORLD),
          db.equals("mariadb") ? "DATETIME" : "TIMESTAMP");
      assertEquals(List.of("impressions/date=2024-06-10: 101,2024-06-09,srp,1000"), left);

      Path fromCsv = dir.resolve("from-csv");
      InventoryWorldTest.runAll(options(fromCsv, "--input=" + InventoryWorldTest.WORLD));
      Path fromDb = dir.resolve("from-" + db);
      InventoryWorldTest.runAll(options(fromDb, "--input=" + url, "--inputFormat=jdbc"));
      for (String table : List.of("inventory.active_listings", "inventory.listing_activity", "inventory.inventory_groups")) {
        assertEquals(LakeTableRows.lines(fromCsv, table), LakeTableRows.lines(fromDb, table), table);
      }

      // Sources name the table and day (jdbc:vehicle/snapshot_date=2024-06-10/) as files name their folder;
      // NUMERIC(12,2) stores the negative price as -100.00.
      List<String> expected = new ArrayList<>();
      for (String reject : InventoryWorldTest.deadLetters(fromCsv)) {
        if (!reject.contains("is not in its partition's day") || !reject.contains("impressions/")) {
          expected.add(reject.replace("/part-0.csv", "/").replace("zip_dma/zip_dma.csv", "zip_dma")
              .replace("'-100'", "'-100.00'"));
        }
      }
      List<String> actual = new ArrayList<>();
      for (Map<String, String> r : LakeTableRows.read(fromDb, "inventory.dead_letters")) {
        actual.add(r.get("step") + " " + r.get("source").replace("jdbc:", "") + " " + r.get("reason"));
      }
      actual.sort(null);
      assertEquals(expected, actual);
      assertTrue(expected.size() >= 5, "the world's rejects: " + expected);
    } finally {
      if (db.equals("postgresql")) {
        execute(POSTGRES, "DROP SCHEMA " + schema + " CASCADE");
      } else if (db.equals("mariadb")) {
        execute(MARIADB, "DROP DATABASE " + schema);
      }
    }
  }

  @Test
  void aMissingTableOrDayNamesItAndAPathIsNoJdbcInput() throws Exception {
    // The lakes of steps refused while building live outside @TempDir: the embedded catalog, just
    // closed, can still be writing when JUnit deletes the folder (it failed the deletion once).
    Path lakes = java.nio.file.Files.createTempDirectory("inventory-refused");
    try {
      refusals(lakes);
    } finally {
      try (var files = java.nio.file.Files.walk(lakes)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private void refusals(Path lakes) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("empty").toAbsolutePath();
    execute(url, "CREATE TABLE vehicle (snapshot_date DATE, listing_id BIGINT)");
    IllegalArgumentException noDay = assertThrows(IllegalArgumentException.class,
        () -> new ActiveListings(options(lakes.resolve("l1"), "--input=" + url, "--inputFormat=jdbc"))
            .build(org.apache.beam.sdk.Pipeline.create()));
    assertTrue(noDay.getMessage().contains("no vehicle snapshot for 2024-06-10 (table vehicle where snapshot_date = 2024-06-10)"),
        noDay.getMessage());
    IllegalArgumentException noTable = assertThrows(IllegalArgumentException.class,
        () -> new ListingActivity(options(lakes.resolve("l2"), "--input=" + url, "--inputFormat=jdbc"))
            .build(org.apache.beam.sdk.Pipeline.create()));
    assertTrue(noTable.getMessage().contains("table impressions does not exist"), noTable.getMessage());
    IllegalArgumentException path = assertThrows(IllegalArgumentException.class,
        () -> InventorySource.of(options(lakes.resolve("l3"), "--input=" + dir, "--inputFormat=jdbc")));
    assertEquals("--input-format=jdbc needs --input=jdbc:...; got a path", path.getMessage());
    IllegalArgumentException format = assertThrows(IllegalArgumentException.class,
        () -> InventorySource.of(options(lakes.resolve("l4"), "--input=" + url)));
    assertTrue(format.getMessage().startsWith("--input is a jdbc: URL: add --input-format=jdbc"), format.getMessage());
  }

  @Test
  void aFolderDayThatIsNoCalendarDayNamesThePath() throws Exception {
    Path bad = dir.resolve("bad/vehicle/snapshot_date=2024-13-01/part-0.csv");
    java.nio.file.Files.createDirectories(bad.getParent());
    java.nio.file.Files.writeString(bad, String.join(",", InventoryInput.VEHICLE.columns) + "\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ActiveListings(options(dir.resolve("l5"), "--input=" + dir.resolve("bad")))
            .build(org.apache.beam.sdk.Pipeline.create()));
    assertTrue(e.getMessage().startsWith("partition snapshot_date=2024-13-01 is no calendar day: ")
        && e.getMessage().endsWith("snapshot_date=2024-13-01/part-0.csv"), e.getMessage());
  }

  private static InventoryOptions options(Path lake, String... extra) {
    List<String> args = new ArrayList<>(List.of("--runner=DirectRunner", "--lake=" + lake, "--runId=j1",
        "--windows=1,3", "--groupWindowDays=3", "--groupingSets=make;body_style", "--date=" + InventoryWorldTest.DAY));
    args.addAll(List.of(extra));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(InventoryOptions.class);
  }

  private static void execute(String url, String sql) throws Exception {
    try (Connection c = JdbcUrls.connect(url); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
