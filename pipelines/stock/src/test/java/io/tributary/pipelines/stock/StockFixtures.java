package io.tributary.pipelines.stock;

import io.tributary.core.step.StepExecutor;
import io.tributary.core.step.StepReport;
import io.tributary.core.catalog.CatalogConfig;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.ops.TableOps;
import io.tributary.testing.LakeTableRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Runs stock steps on the DirectRunner over {@link StockHistory}'s hand-worked inputs and reads the lake. */
final class StockFixtures {
  final Path root;
  final Path lake;
  final String lakeUri;

  StockFixtures(Path root) {
    this(root, root.resolve("lake").toString());
  }

  /** A lake elsewhere (s3://bucket/prefix) with the inputs under {@code root}. */
  StockFixtures(Path root, String lakeUri) {
    this.root = root;
    this.lake = root.resolve("lake");
    this.lakeUri = lakeUri;
  }

  Path productCsv() throws Exception {
    return write("in/product.csv", StockHistory.PRODUCT_CSV);
  }

  Path storeCsv() throws Exception {
    return write("in/store.csv", StockHistory.STORE_CSV);
  }

  Path write(String name, String text) throws Exception {
    Path file = root.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  Path betFeed(String day, Object[]... rows) throws Exception {
    return StockHistory.betFeed(root, day, rows);
  }

  Path feedPath(String supplier, String day) {
    return StockHistory.feedPath(root, supplier, day);
  }

  List<Path> threeDayFeeds() throws Exception {
    return StockHistory.writeFeeds(root);
  }

  StockOptions options(String runId, String... extra) {
    List<String> args = new ArrayList<>(List.of("--runner=DirectRunner", "--lake=" + lakeUri, "--runId=" + runId,
        "--suppliersConfig=" + io.tributary.testing.Checkout.path("config/suppliers.yaml")));
    args.addAll(List.of(extra));
    return PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).as(StockOptions.class);
  }

  StepReport run(Function<StockOptions, StockStep> step, String runId, String... extra) {
    StockOptions o = options(runId, extra);
    return new StepExecutor(o, System.err).run(step.apply(o));
  }

  /** A table's rows as sorted lines of the given fields' values, space-separated (read with Iceberg's own reader). */
  List<String> rows(String table, String... fields) throws Exception {
    return rows(table, Map.of(), fields);
  }

  /** The rows of {@code table} whose columns equal {@code where}'s values, as {@link #rows(String, String...)}. */
  List<String> rows(String table, Map<String, String> where, String... fields) throws Exception {
    List<String> out = new ArrayList<>();
    for (Map<String, String> r : LakeTableRows.read(lake, table)) {
      if (where.entrySet().stream().allMatch(e -> e.getValue().equals(r.get(e.getKey())))) {
        List<String> values = new ArrayList<>();
        for (String f : fields) {
          values.add(r.get(f));
        }
        out.add(String.join(" ", values));
      }
    }
    return out.stream().sorted().collect(Collectors.toList());
  }

  /** Dead letters of stock steps: those of {@code step} whose source contains {@code sourcePart}. */
  List<Map<String, String>> deadLetters(String step, String sourcePart) throws Exception {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, String> r : LakeTableRows.read(lake, StockTables.DEAD_LETTERS.name())) {
      if (r.get("step").equals(step) && r.get("source").contains(sourcePart)) {
        out.add(r);
      }
    }
    out.sort((a, b) -> a.toString().compareTo(b.toString()));
    return out;
  }

  /** {@code tributary table rollback TABLE}: back to the snapshot before the current one. */
  void rollback(String table) throws Exception {
    try (LakeCatalog c = LakeCatalog.open(CatalogConfig.embedded(lake.toString()))) {
      TableOps.rollback(c.existing(table), null);
    }
  }

  /** The table as the catalog has it now. */
  org.apache.iceberg.Table table(String table) throws Exception {
    try (LakeCatalog c = LakeCatalog.open(CatalogConfig.embedded(lake.toString()))) {
      return c.existing(table);
    }
  }

  /** The data lines of a CSV, sorted, after its header. */
  List<String> csv(String relative) throws Exception {
    List<String> lines = Files.readAllLines(lake.resolve(relative));
    List<String> sorted = new ArrayList<>(lines.subList(1, lines.size()));
    sorted.sort(null);
    sorted.add(0, lines.get(0));
    return sorted;
  }
}
