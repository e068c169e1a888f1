package io.tributary.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.catalog.CatalogConfig;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.ops.TableOps;
import io.tributary.core.ops.Where;
import io.tributary.core.step.StepTables;
import io.tributary.core.table.TableOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `tributary table` operations on a table two runs wrote: history, rollback, export, expire, clean. */
class TableOpsTest {
  @TempDir Path lake;

  private void overwrite(String runId, Row... rows) throws Exception {
    try (StepTables tables = StepTables.open(CatalogConfig.embedded(lake.toString()), "load", runId)) {
      Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
      p.apply(Create.of(List.of(rows)).withRowSchema(StepTablesTest.SCHEMA))
          .apply(tables.write(TableOutput.overwrite(StepTablesTest.STOCK)));
      p.run().waitUntilFinish();
      tables.commit(Map.of());
    }
  }

  private Table table(LakeCatalog c) {
    return c.existing("test.stock");
  }

  @Test
  void historyRollbackAndExportAtAVersion() throws Exception {
    overwrite("first", StepTablesTest.row("BET", "2024-06-03", 1), StepTablesTest.row("APE", "2024-06-04", 2));
    overwrite("second", StepTablesTest.row("RTG", "2024-06-05", 7));
    try (LakeCatalog c = LakeCatalog.open(CatalogConfig.embedded(lake.toString()))) {
      List<String> history = TableOps.history(table(c));
      assertEquals(2, history.size());
      assertTrue(history.get(0).contains("run=first step=load +2"), history.get(0));
      assertTrue(history.get(1).contains("run=second") && history.get(1).endsWith("<- current"), history.get(1));
      long first = table(c).history().get(0).snapshotId();

      // CSV of the first snapshot, filtered; Parquet of the current one in hive-style folders.
      long rows = TableOps.export(table(c), lake.resolve("out"), "csv", first, null,
          Where.parse(table(c).schema(), "supplier = 'BET' and qty >= 1"));
      assertEquals(1, rows);
      List<String> csv = Files.readAllLines(lake.resolve("out/stock.csv"));
      assertEquals("supplier,day,qty,at,amount", csv.get(0));
      assertTrue(csv.get(1).startsWith("BET,2024-06-03,1,"), csv.get(1));
      assertEquals(1, TableOps.export(table(c), lake.resolve("pq"), "parquet", null, null, Expressions.alwaysTrue()));
      try (Stream<Path> files = Files.walk(lake.resolve("pq"))) {
        assertEquals(List.of("stock/supplier=RTG/day_day=2024-06-05/part-00000.parquet"),
            files.filter(Files::isRegularFile).map(f -> lake.resolve("pq").relativize(f).toString()).collect(Collectors.toList()));
      }
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
          () -> Where.parse(table(c).schema(), "qty = many"));
      assertTrue(bad.getMessage().contains("'many' is not a value of qty"), bad.getMessage());

      assertEquals(first, TableOps.rollback(table(c), null));
      assertEquals(first, table(c).currentSnapshot().snapshotId());
      assertThrows(IllegalArgumentException.class, () -> TableOps.rollback(table(c), null), "no earlier snapshot");
    }
  }

  @Test
  void cleanRemovesOrphansOnlyAndExpireDropsOldSnapshots() throws Exception {
    overwrite("first", StepTablesTest.row("BET", "2024-06-03", 1));
    overwrite("second", StepTablesTest.row("BET", "2024-06-03", 2));
    Path data;
    try (LakeCatalog c = LakeCatalog.open(CatalogConfig.embedded(lake.toString()))) {
      data = Path.of(table(c).location()).resolve("data");
    }
    // A killed run's file: under data/, in no snapshot.
    Path orphan = data.resolve("supplier=BET/day_day=2024-06-03/killed-run.parquet");
    Files.createDirectories(orphan.getParent());
    Files.writeString(orphan, "half-written");
    try (LakeCatalog c = LakeCatalog.open(CatalogConfig.embedded(lake.toString()))) {
      assertEquals(List.of(), TableOps.clean(table(c), 3_600_000L), "younger than the grace: kept");
      List<String> deleted = TableOps.clean(table(c), 0);
      assertEquals(1, deleted.size(), deleted.toString());
      assertTrue(deleted.get(0).endsWith("killed-run.parquet"));
      assertFalse(Files.exists(orphan));
      assertEquals(2, countParquet(data), "both snapshots' files stay: each is referenced");

      assertEquals(1, TableOps.expire(table(c), System.currentTimeMillis() + 1));
      assertEquals(1, countParquet(data), "the first run's file went with its snapshot");
    }
    assertEquals(List.of("BET/2024-06-03=2"), rows());
  }

  private List<String> rows() throws Exception {
    return io.tributary.testing.LakeTableRows.read(lake, "test.stock").stream()
        .map(r -> r.get("supplier") + "/" + r.get("day") + "=" + r.get("qty")).sorted().collect(Collectors.toList());
  }

  private static long countParquet(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(".parquet")).count();
    }
  }
}
