package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.jdbc.JdbcUrls;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit to an embedded H2 file database survives the process being killed right after it
 * (SIGKILL, as a crashed streaming job): connections through {@link JdbcUrls} open H2 without its
 * default write delay. Without it this test loses the row (checked by hand with a plain URL).
 */
class H2DurabilityTest {
  @TempDir Path dir;

  /** Child process: commits one upsert through {@link JdbcUrls}, says so, then waits to be killed. */
  public static void main(String[] args) throws Exception {
    try (Connection c = JdbcUrls.connect(args[0]); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS t (k INT PRIMARY KEY, v INT)");
      s.execute("MERGE INTO t KEY (k) VALUES (1, " + Integer.parseInt(args[1]) + ")");
      System.out.println("committed");
      System.out.flush();
      Thread.sleep(60_000);
    }
  }

  @Test
  void aCommitSurvivesAKillRightAfterIt() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    for (int value = 1; value <= 2; value++) {
      Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
          System.getProperty("java.class.path"), H2DurabilityTest.class.getName(), url, String.valueOf(value))
          .redirectErrorStream(true).start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line = out.readLine();
        assertEquals("committed", line, "the child's first line");
      } finally {
        child.destroyForcibly().waitFor();
      }
      try (Connection c = JdbcUrls.connect(url); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT v FROM t WHERE k = 1")) {
        assertTrue(rs.next(), "the row committed before the kill is there");
        assertEquals(value, rs.getInt(1), "the value committed before the kill");
      }
    }
  }

  @Test
  void onlyFileDatabasesGetTheSettingAndAUserSettingWins() {
    assertEquals("jdbc:h2:file:/x/db;AUTO_SERVER=TRUE;WRITE_DELAY=0", JdbcUrls.normalise("jdbc:h2:file:/x/db;AUTO_SERVER=TRUE"));
    assertEquals("jdbc:h2:./db;WRITE_DELAY=0", JdbcUrls.normalise("jdbc:h2:./db"));
    for (String kept : List.of("jdbc:h2:mem:x", "jdbc:h2:tcp://127.0.0.1/x", "jdbc:h2:file:/x;write_delay=200",
        "jdbc:postgresql://127.0.0.1/test")) {
      assertEquals(kept, JdbcUrls.normalise(kept));
    }
  }
}
