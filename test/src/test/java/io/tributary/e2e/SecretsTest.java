package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.runners.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A password in a JDBC URL never reaches the output of a run, succeeding or failing, with or
 * without the stack trace: the CLI runs in its own JVM and everything it prints (stdout, stderr,
 * logging) is searched for the secret. PostgreSQL trusts 127.0.0.1 here, so any password connects.
 */
class SecretsTest {
  static final String SECRET = "Tr1butarySecretPw";

  @TempDir Path dir;

  private String run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dtributary.stacktrace=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(dir, "run", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    int code = p.waitFor();
    String out = Files.readString(log);
    assertFalse(out.contains(SECRET), "the secret was printed:\n" + out);
    return code + "\n" + out;
  }

  @Test
  void noRunPrintsAPassword() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=" + SECRET;
    String lake = "--lake=" + dir.resolve("lake");
    String loaded = run("trips", "load-db", "--source=../samples/trips.csv", "--jdbc-url=" + url, lake);
    assertTrue(loaded.startsWith("0\n") && loaded.contains("password=***"), loaded);
    String ingested = run("trips", "ingest", "--runner=direct", "--source=jdbc:trips", "--jdbc-url=" + url, lake);
    assertTrue(ingested.startsWith("0\n") && ingested.contains("Run summary"), ingested);

    String missing = run("trips", "ingest", "--runner=direct", "--source=jdbc:no_such_table", "--jdbc-url=" + url, lake);
    assertTrue(missing.startsWith("1\n") && missing.contains("no_such_table does not exist"), missing);
    assertTrue(missing.contains("\tat io.tributary."), "the stack trace is printed (and redacted): " + missing);
    String refused = run("trips", "ingest", "--runner=direct", "--source=jdbc:trips",
        "--jdbc-url=jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=" + SECRET, lake);
    assertEquals("1", refused.substring(0, 1), refused);
    String userInfo = run("invoices", "run", "--runner=direct", "--source=jdbc",
        "--source-jdbc-url=jdbc:mariadb://root:" + SECRET + "@127.0.0.1:1/test", lake);
    assertEquals("1", userInfo.substring(0, 1), userInfo);
  }
}
