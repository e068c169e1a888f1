package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tributary.tools.StockGenerator;
import io.tributary.pipelines.stock.SupplierRules;
import io.tributary.runners.Main;
import io.tributary.testing.LakeTableRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock flow through the CLI on Direct, Spark and Flink over the same generated data (four
 * suppliers with different rules, RTG included, two days, unknown codes): every table, the revise
 * files and the dead letters must be identical.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossRunnerStockTest {
  static final List<String> RUNNERS = List.of("direct", "spark", "flink");
  Path dir;

  @BeforeAll
  void runAllRunners(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    Path input = dir.resolve("in");
    StockGenerator.write(input, SupplierRules.load(Path.of("..", "config", "suppliers.yaml")),
        List.of("BET", "APE", "ROL", "RTG"), 150, 600, 2, LocalDate.parse("2024-06-03"), 7);
    List<Path> feeds;
    try (Stream<Path> walk = Files.walk(input.resolve("stock_feed"))) {
      feeds = walk.filter(p -> p.toString().endsWith(".xlsx")).sorted().collect(Collectors.toList());
    }
    for (String runner : RUNNERS) {
      run(runner, "load-product", "--source=" + input.resolve("product.csv"));
      run(runner, "load-store", "--source=" + input.resolve("store.csv"));
      for (Path feed : feeds) {
        run(runner, "feed", feed.toString());
      }
      run(runner, "ebay", "--date=2024-06-04");
    }
  }

  private void run(String runner, String... args) {
    List<String> all = new ArrayList<>(List.of("stock"));
    all.addAll(List.of(args));
    all.addAll(List.of("--runner=" + runner, "--lake=" + lake(runner), "--config-dir=../config"));
    assertEquals(0, Main.execute(all.toArray(new String[0])), runner + " " + String.join(" ", args));
  }

  private Path lake(String runner) {
    return dir.resolve("lake-" + runner);
  }

  @Test
  void tablesExportsAndDeadLettersAreIdenticalOnAllRunners() throws Exception {
    for (String table : List.of("stock.product", "stock.store", "stock.supplier_stock", "stock.ebay")) {
      List<String> direct = LakeTableRows.lines(lake("direct"), table);
      assertFalse(direct.isEmpty(), table);
      for (String runner : List.of("spark", "flink")) {
        assertEquals(direct, LakeTableRows.lines(lake(runner), table), table + " on " + runner);
      }
    }
    for (String store : List.of("RTG", "AUTOPARTS", "CARSPARES")) {
      List<String> direct = sorted(lake("direct").resolve("exports/ebay/ebay_store=" + store + "/revise.csv"));
      assertFalse(direct.size() < 2, "revise lines for " + store);
      for (String runner : List.of("spark", "flink")) {
        assertEquals(direct, sorted(lake(runner).resolve("exports/ebay/ebay_store=" + store + "/revise.csv")), store);
      }
    }
    List<String> dead = deadLetters("direct");
    assertFalse(dead.isEmpty(), "the generator's unknown codes are dead-lettered");
    for (String runner : List.of("spark", "flink")) {
      assertEquals(dead, deadLetters(runner), "dead letters on " + runner);
    }
  }

  private static List<String> sorted(Path file) throws Exception {
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.sort(null);
    return lines;
  }

  private List<String> deadLetters(String runner) throws Exception {
    List<String> out = new ArrayList<>();
    for (java.util.Map<String, String> d : LakeTableRows.read(lake(runner), "stock.dead_letters")) {
      if (d.get("step").equals("feed")) {
        out.add(d.get("line") + " " + d.get("original") + " " + d.get("reason"));
      }
    }
    out.sort(null);
    return out;
  }
}
