package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.tools.InvoicesGenerator;
import io.tributary.runners.Main;
import io.tributary.testing.LakeTableRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `tributary invoices run` through the CLI on Direct, Spark and Flink over the same generated tables
 * (with orphans and a malformed row added): Parquet, CSV exports and dead letters must be identical.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossRunnerInvoicesTest {
  Path dir;

  @BeforeAll
  void runAllRunners(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    Path input = dir.resolve("in");
    InvoicesGenerator.write(input, 60, 11);
    Files.writeString(input.resolve("invoice_line_items.csv"),
        "999999,0-10-100000-0,1\n1,no-such-sku,2\n1,0-10-100000-0,many\n", java.nio.file.StandardOpenOption.APPEND);
    for (String runner : List.of("direct", "spark", "flink")) {
      int code = Main.execute("invoices", "run", "--runner=" + runner, "--lake=" + lake(runner),
          "--source=" + input, "--as-of=2024-03-31", "--config-dir=../config", "--env=local");
      assertEquals(0, code, runner + " run failed");
    }
  }

  private Path lake(String runner) {
    return dir.resolve("lake-" + runner);
  }

  private List<String> parquet(String runner, String table) throws Exception {
    return LakeTableRows.lines(lake(runner), "invoices." + table.substring("invoices_".length()));
  }

  private List<String> csv(String runner, String table) throws Exception {
    Path file = lake(runner).resolve("exports/" + table + "/as_of=2024-03-31/" + table.substring(9) + ".csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.sort(null);
    return lines;
  }

  @Test
  void outputsAreIdenticalOnAllRunners() throws Exception {
    for (String table : List.of("invoices_late_payment", "invoices_product_mix")) {
      List<String> direct = parquet("direct", table);
      assertEquals(60, direct.size(), table + ": one row per account");
      assertEquals(direct, parquet("spark", table), table + ": spark differs from direct");
      assertEquals(direct, parquet("flink", table), table + ": flink differs from direct");
      assertEquals(csv("direct", table), csv("spark", table));
      assertEquals(csv("direct", table), csv("flink", table));
    }
  }

  @Test
  void deadLettersAreIdenticalOnAllRunners() throws Exception {
    List<String> direct = reasons("direct");
    assertEquals(List.of("bad quantity 'many': expected a whole number",
        "invoice_line_items refers to unknown invoices '999999'",
        "invoice_line_items refers to unknown skus 'no-such-sku'"), direct);
    assertEquals(direct, reasons("spark"));
    assertEquals(direct, reasons("flink"));
  }

  private List<String> reasons(String runner) throws Exception {
    return LakeTableRows.deadLetters(lake(runner), "invoices.dead_letters").stream()
        .map(d -> d.get("reason").asText()).sorted().collect(Collectors.toList());
  }

  @Test
  void lateInvoicesExist() throws Exception {
    long withLateAmount = csv("direct", "invoices_late_payment").stream().filter(l -> !l.startsWith("as_of"))
        .filter(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1)) > 0).count();
    assertTrue(withLateAmount > 10, "the data set must have late invoices: " + withLateAmount);
  }
}
