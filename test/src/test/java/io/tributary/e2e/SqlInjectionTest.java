package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.pipelines.trips.TripsDatabase;
import io.tributary.runners.Main;
import io.tributary.transforms.jdbc.JdbcTables;
import io.tributary.transforms.jdbc.JdbcUrls;
import io.tributary.transforms.jdbc.SqlIdentifiers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A table name on the command line is the user's text: attack strings that dropped tables before
 * (issue 9) are refused before any statement runs, on H2 and on the MariaDB and PostgreSQL servers,
 * and every table survives. Metadata wildcards ({@code _}) do not find another table.
 */
class SqlInjectionTest {
  static final List<String> ATTACKS = List.of(
      "trips; DROP TABLE victim",
      "trips WHERE 1=0; DROP TABLE victim; --",
      "(SELECT 1) t; DROP TABLE victim",
      "victim\"; DROP TABLE victim; --",
      "victim`; DROP TABLE victim; --",
      "trips --",
      "a.b.c");

  @TempDir Path lake;

  private String url(String db) {
    switch (db) {
      case "h2":
        return "jdbc:h2:file:" + lake.toAbsolutePath() + "/h2/inject";
      case "mariadb":
        return "jdbc:mariadb://127.0.0.1:3306/test?user=root";
      default:
        return "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    }
  }

  private void setUp(String url) throws Exception {
    TripsDatabase.load(url, JdbcServersTest.SAMPLE, List.of(), false, System.err);
    try (Connection c = JdbcUrls.connect(url); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS victim");
      s.execute("CREATE TABLE victim (id INTEGER)");
    }
  }

  private void assertTablesSurvive(String url) throws Exception {
    try (Connection c = JdbcUrls.connect(url)) {
      assertTrue(JdbcTables.exists(c, "victim"), "victim dropped");
      assertTrue(JdbcTables.exists(c, "trips"), "trips dropped");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "mariadb", "postgresql"})
  void attackStringsAreRefusedAndEveryTableSurvives(String db) throws Exception {
    String url = url(db);
    setUp(url);
    for (String attack : ATTACKS) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      PrintStream saved = System.err;
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = Main.execute("trips", "ingest", "--runner=direct", "--lake=" + lake.resolve("lake"),
            "--jdbc-url=" + url, "--source=jdbc:" + attack);
      } finally {
        System.setErr(saved);
      }
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(1, code, attack + ": " + message);
      assertTrue(message.contains("is not a valid table name"), attack + ": " + message);
      assertTablesSurvive(url);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "mariadb", "postgresql"})
  void namesResolveThroughMetadataOnlyToThemselves(String db) throws Exception {
    String url = url(db);
    setUp(url);
    try (Connection c = JdbcUrls.connect(url)) {
      // '_' is a wildcard in metadata patterns: tr_ps must not find trips.
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqlIdentifiers.resolve(c, "tr_ps"));
      assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
      SqlIdentifiers.ResolvedTable trips = SqlIdentifiers.resolve(c, "TRIPS");
      String q = c.getMetaData().getIdentifierQuoteString().trim();
      assertTrue(trips.quoted.startsWith(q) && trips.quoted.endsWith(q), trips.quoted);
      assertTrue(trips.quotedColumn("origin_coord") != null);
      String schema = db.equals("mariadb") ? "test" : db.equals("h2") ? "PUBLIC" : "public";
      assertEquals(trips.quoted.toLowerCase(), SqlIdentifiers.resolve(c, schema + ".trips").quoted.toLowerCase()
          .substring(q.length() * 2 + schema.length() + 1));
      assertThrows(IllegalArgumentException.class, () -> SqlIdentifiers.resolve(c, "nosuchschema.trips"));
    }
    // A valid, existing name still ingests.
    assertEquals(0, Main.execute("trips", "ingest", "--runner=direct", "--lake=" + lake.resolve("ok"),
        "--jdbc-url=" + url, "--source=jdbc:trips"));
    assertTablesSurvive(url);
  }
}
