package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.runners.Main;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * `invoices run` with both the source and the lake on s3://, through Beam's AWS2 filesystem against
 * S3Proxy (in-memory store, signed requests, 127.0.0.1): the same hand-worked answer as the local
 * run, and a rerun of the day replaces it on S3 too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3InvoicesTest {
  static final String BUCKET = "lake";

  S3ProxyServer s3;
  @org.junit.jupiter.api.io.TempDir Path catalogDir;

  @BeforeAll
  void startS3() throws Exception {
    System.setProperty("tributary.stacktrace", "true"); // a failed run shows where in the S3 client
    s3 = new S3ProxyServer(BUCKET);
    for (String table : List.of("accounts", "invoices", "invoice_line_items", "skus")) {
      s3.put(BUCKET, "in/" + table + ".csv", Path.of("..", "samples", "invoices", table + ".csv"));
    }
  }

  @AfterAll
  void stopS3() throws Exception {
    s3.close();
  }

  private int run(String runId) {
    List<String> args = new ArrayList<>(List.of("invoices", "run", "--runner=direct", "--config-dir=../config",
        "--source=s3://" + BUCKET + "/in", "--lake=s3://" + BUCKET + "/lake", "--as-of=2024-06-30",
        "--runId=" + runId));
    args.add(catalog());
    args.addAll(s3.beamFlags());
    return Main.execute(args.toArray(new String[0]));
  }

  /** A catalog of this test's own: the S3Proxy store is gone after the test, so must be its entries. */
  private String catalog() {
    return "--catalog-uri=jdbc:h2:file:" + catalogDir.toAbsolutePath() + "/iceberg;DATABASE_TO_LOWER=TRUE";
  }

  private List<String> keys(String prefix) {
    return s3.keys(BUCKET, prefix);
  }

  private List<String> csv(String key) throws Exception {
    List<String> lines = new ArrayList<>(List.of(new String(s3.get(BUCKET, key), StandardCharsets.UTF_8).split("\n")));
    String header = lines.remove(0);
    lines.sort(null);
    lines.add(0, header);
    return lines;
  }

  @Test
  void runOnS3GivesTheHandWorkedAnswerAndARerunReplacesTheDay() throws Exception {
    assertEquals(0, run("s3first"));
    assertEquals(0, run("s3second"));
    String export = "lake/exports/invoices_late_payment/as_of=2024-06-30/late_payment.csv";
    // Hand-worked in samples/invoices/README.md (account, invoices, late, days, late amount).
    List<String> rows = csv(export).stream().skip(1)
        .map(l -> l.substring(l.indexOf(',') + 1, l.indexOf(',', l.indexOf(',') + 1)) + ":"
            + l.substring(nthFromEnd(l, 4) + 1))
        .collect(Collectors.toList());
    assertEquals(List.of("1:3,1,61,29.0", "2:1,1,167,40.95", "3:1,0,29,0.0", "4:0,0,0,0.0"), rows);
    assertTrue(keys("lake/warehouse/invoices/late_payment/data/as_of=2024-06-30/").size() >= 1);
    // Through the catalog: the rerun replaced the day (4 accounts, not 8); each run appended its 4 dead letters.
    Path out = catalogDir.resolve("out");
    List<String> day = new ArrayList<>(List.of("table", "export", "invoices.late_payment", "--to=" + out,
        "--format=csv", "--where=as_of = 2024-06-30", "--lake=s3://" + BUCKET + "/lake", catalog()));
    day.addAll(s3.beamFlags());
    assertEquals(0, Main.execute(day.toArray(new String[0])));
    assertEquals(1 + 4, java.nio.file.Files.readAllLines(out.resolve("late_payment.csv")).size());
    List<String> dead = new ArrayList<>(List.of("table", "export", "invoices.dead_letters", "--to=" + out,
        "--format=csv", "--lake=s3://" + BUCKET + "/lake", catalog()));
    dead.addAll(s3.beamFlags());
    assertEquals(0, Main.execute(dead.toArray(new String[0])));
    assertEquals(1 + 4 + 4, java.nio.file.Files.readAllLines(out.resolve("dead_letters.csv")).size());
    assertEquals(List.of(), keys("lake/exports/invoices_late_payment/_staging"), "export staging cleaned up");
  }

  private static int nthFromEnd(String line, int n) {
    int at = line.length();
    for (int i = 0; i < n; i++) {
      at = line.lastIndexOf(',', at - 1);
    }
    return at;
  }
}
