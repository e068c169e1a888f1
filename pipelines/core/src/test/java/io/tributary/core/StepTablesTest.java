package io.tributary.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.catalog.CatalogConfig;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.read.ReadTable;
import io.tributary.core.step.StepTables;
import io.tributary.core.table.TableOutput;
import io.tributary.core.table.TableSpec;
import io.tributary.core.write.TableCommitter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's write, commit and read cycle on the embedded catalog, with the DirectRunner: what a
 * run commits is exactly its rows (read back with Iceberg's own generic reader, not ours), a
 * rerun of a day replaces it, a failed run commits nothing, a retried commit is a no-op, and two
 * runs that replace the same partition cannot both win silently.
 */
class StepTablesTest {
  static final Schema SCHEMA = Schema.builder().addStringField("supplier")
      .addLogicalTypeField("day", SqlTypes.DATE).addInt64Field("qty").addDateTimeField("at")
      .addNullableField("amount", Schema.FieldType.DECIMAL).build();
  static final TableSpec STOCK = TableSpec.of("test.stock", SCHEMA).identity("supplier").day("day");

  @TempDir Path lake;

  private CatalogConfig config() {
    return CatalogConfig.embedded(lake.toString());
  }

  static Row row(String supplier, String day, long qty) {
    return Row.withSchema(SCHEMA).addValues(supplier, LocalDate.parse(day), qty, new Instant(1_700_000_000_123L),
        new BigDecimal("12.5")).build(); // decimals read back in their shortest form (12.50 is 12.5)
  }

  /** One run of a step: the graph writes {@code rows}; on success every output commits. */
  private List<TableCommitter.Commit> run(String runId, TableOutput output, boolean fail, Row... rows) throws Exception {
    try (StepTables tables = StepTables.open(config(), "load", runId)) {
      Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
      var written = p.apply(Create.of(List.of(rows)).withRowSchema(SCHEMA));
      if (fail) {
        written = written.apply(ParDo.of(new DoFn<Row, Row>() {
          @ProcessElement
          public void process(@Element Row r, OutputReceiver<Row> out) {
            out.output(r);
            if (r.getInt64("qty") == 13) {
              throw new IllegalStateException("injected failure");
            }
          }
        })).setRowSchema(SCHEMA);
      }
      written.apply(tables.write(output));
      try {
        p.run().waitUntilFinish();
      } catch (RuntimeException e) {
        tables.abort();
        throw e;
      }
      return tables.commit(Map.of("tributary.rows-read", String.valueOf(rows.length)));
    }
  }

  private List<String> tableRows() throws Exception {
    try (LakeCatalog c = LakeCatalog.open(config())) {
      Table t = c.table(STOCK);
      List<String> out = new ArrayList<>();
      try (CloseableIterable<Record> records = IcebergGenerics.read(t).build()) {
        records.forEach(r -> out.add(r.getField("supplier") + "/" + r.getField("day") + "=" + r.getField("qty")));
      }
      out.sort(null);
      return out;
    }
  }

  @Test
  void replacePartitionsRerunReplacesADayAndOtherDaysStay() throws Exception {
    TableOutput replace = TableOutput.replacePartitions(STOCK);
    List<TableCommitter.Commit> first = run("r1", replace, false, row("BET", "2024-06-03", 1), row("BET", "2024-06-04", 2),
        row("APE", "2024-06-03", 3));
    assertEquals(1, first.size());
    assertEquals(3, first.get(0).rows());
    run("r2", replace, false, row("BET", "2024-06-03", 10), row("BET", "2024-06-03", 11));
    assertEquals(List.of("APE/2024-06-03=3", "BET/2024-06-03=10", "BET/2024-06-03=11", "BET/2024-06-04=2"), tableRows());
    try (LakeCatalog c = LakeCatalog.open(config())) {
      Snapshot s = c.table(STOCK).currentSnapshot();
      assertEquals("r2", s.summary().get(TableCommitter.RUN_ID));
      assertEquals("load", s.summary().get(TableCommitter.STEP));
      assertEquals("2", s.summary().get("tributary.rows-read"));
    }
  }

  @Test
  void aFailedRunCommitsNothingAndLeavesNoDataFileBehind() throws Exception {
    run("ok", TableOutput.overwrite(STOCK), false, row("BET", "2024-06-03", 1));
    assertThrows(RuntimeException.class, () -> run("bad", TableOutput.overwrite(STOCK), true,
        row("BET", "2024-06-03", 5), row("BET", "2024-06-03", 13)));
    assertEquals(List.of("BET/2024-06-03=1"), tableRows());
    try (Stream<Path> files = Files.walk(lake.resolve("warehouse"))) {
      List<Path> pending = files.filter(f -> f.toString().contains("/pending/")).toList();
      assertEquals(List.of(), pending);
    }
  }

  @Test
  void overwriteReplacesEverythingAndReadsBackThroughTheCore() throws Exception {
    run("a", TableOutput.overwrite(STOCK), false, row("BET", "2024-06-03", 1), row("APE", "2024-06-04", 2));
    run("b", TableOutput.overwrite(STOCK), false, row("RTG", "2024-06-05", 7));
    assertEquals(List.of("RTG/2024-06-05=7"), tableRows());

    // Our reader, at the current snapshot and at the first one (time travel by id).
    try (StepTables tables = StepTables.open(config(), "read", "x")) {
      ReadTable current = tables.read(STOCK, ReadTable.Version.current(), "run the load");
      long first;
      try (LakeCatalog c = LakeCatalog.open(config())) {
        first = c.table(STOCK).history().get(0).snapshotId();
      }
      ReadTable old = tables.read(STOCK, ReadTable.Version.snapshot(first), "run the load");
      Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
      org.apache.beam.sdk.testing.PAssert.that(p.apply("Now", current)).containsInAnyOrder(row("RTG", "2024-06-05", 7));
      org.apache.beam.sdk.testing.PAssert.that(p.apply("Then", old))
          .containsInAnyOrder(row("BET", "2024-06-03", 1), row("APE", "2024-06-04", 2));
      p.run().waitUntilFinish();
    }
  }

  @Test
  void aRetriedCommitIsANoOp() throws Exception {
    try (StepTables tables = StepTables.open(config(), "load", "same")) {
      Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
      p.apply(Create.of(List.of(row("BET", "2024-06-03", 1))).withRowSchema(SCHEMA))
          .apply(tables.write(TableOutput.append(STOCK)));
      p.run().waitUntilFinish();
      TableCommitter.Commit once = tables.commit(Map.of()).get(0);
      TableCommitter.Commit again = tables.commit(Map.of()).get(0);
      assertFalse(once.alreadyCommitted());
      assertTrue(again.alreadyCommitted());
      assertEquals(once.snapshotId(), again.snapshotId());
    }
    assertEquals(List.of("BET/2024-06-03=1"), tableRows());
  }

  @Test
  void twoRunsReplacingTheSamePartitionCannotBothWinButDisjointOnesDo() throws Exception {
    run("base", TableOutput.replacePartitions(STOCK), false, row("BET", "2024-06-03", 1));
    // Runs A and B start from the same snapshot; A commits first.
    StepTables a = StepTables.open(config(), "feed", "run-a");
    StepTables b = StepTables.open(config(), "feed", "run-b");
    StepTables c = StepTables.open(config(), "feed", "run-c");
    try (a; b; c) {
      Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
      p.apply("A", Create.of(List.of(row("BET", "2024-06-04", 20))).withRowSchema(SCHEMA))
          .apply("WA", a.write(TableOutput.replacePartitions(STOCK)));
      p.apply("B", Create.of(List.of(row("BET", "2024-06-04", 30))).withRowSchema(SCHEMA))
          .apply("WB", b.write(TableOutput.replacePartitions(STOCK)));
      p.apply("C", Create.of(List.of(row("APE", "2024-06-04", 40))).withRowSchema(SCHEMA))
          .apply("WC", c.write(TableOutput.replacePartitions(STOCK)));
      p.run().waitUntilFinish();
      a.commit(Map.of());
      TableCommitter.Refused refused = assertThrows(TableCommitter.Refused.class, () -> b.commit(Map.of()));
      assertTrue(refused.getMessage().contains("table test.stock was changed by run run-a"), refused.getMessage());
      assertTrue(refused.getMessage().contains("nothing of run run-b was committed"), refused.getMessage());
      c.commit(Map.of()); // another supplier's partition: no conflict
    }
    assertEquals(new TreeSet<>(List.of("APE/2024-06-04=40", "BET/2024-06-03=1", "BET/2024-06-04=20")),
        new TreeSet<>(tableRows()));
  }

  @Test
  void anEmptyResultIsRefusedWhenAskedAndTheTableKeepsItsState() throws Exception {
    run("full", TableOutput.overwrite(STOCK), false, row("BET", "2024-06-03", 1));
    assertThrows(TableCommitter.Refused.class, () -> run("empty", TableOutput.overwrite(STOCK).refusingEmpty(), false));
    assertEquals(List.of("BET/2024-06-03=1"), tableRows());
  }

  @Test
  void aRunWhoseInputAnotherRunChangedIsRefused() throws Exception {
    run("base", TableOutput.append(STOCK), false, row("BET", "2024-06-03", 1));
    TableSpec copy = TableSpec.of("test.copy", SCHEMA);
    try (StepTables reader = StepTables.open(config(), "copy", "reader")) {
      Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
      p.apply("Read", reader.read(STOCK, ReadTable.Version.current(), "load first"))
          .apply("Write", reader.write(TableOutput.overwrite(copy)));
      p.run().waitUntilFinish();
      // Meanwhile another run appends to the input.
      run("late", TableOutput.append(STOCK), false, row("BET", "2024-06-04", 2));
      TableCommitter.Refused refused = assertThrows(TableCommitter.Refused.class, () -> reader.commit(Map.of()));
      assertTrue(refused.getMessage().startsWith("input table test.stock was changed by run late"), refused.getMessage());
    }
    try (LakeCatalog c = LakeCatalog.open(config())) {
      assertEquals(null, c.table(copy).currentSnapshot(), "nothing of the reader committed");
    }
  }

  /** One run of an upsert by (supplier, day)-partitioned key {@code qty}: returns the dead letters' reasons. */
  private List<String> upsert(String runId, boolean replaceLoaded, Runnable beforeCommit, Row... rows) throws Exception {
    try (StepTables tables = StepTables.open(config(), "load", runId)) {
      Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
      var result = p.apply(Create.of(List.of(rows)).withRowSchema(SCHEMA))
          .apply(tables.upsert(TableOutput.rewritePartitions(STOCK), List.of("qty")).replacingLoadedPartitions(replaceLoaded));
      List<String> reasons = java.util.Collections.synchronizedList(new ArrayList<>());
      result.get(io.tributary.core.write.UpsertByKey.DEAD_LETTERS).apply(ParDo.of(new CollectFn(runId)));
      p.run().waitUntilFinish();
      beforeCommit.run();
      tables.commit(Map.of());
      return CollectFn.REASONS.getOrDefault(runId, List.of());
    }
  }

  static final class CollectFn extends DoFn<Row, Void> {
    static final Map<String, List<String>> REASONS = new java.util.concurrent.ConcurrentHashMap<>();
    private final String run;

    CollectFn(String run) {
      this.run = run;
    }

    @ProcessElement
    public void process(@Element Row r) {
      REASONS.computeIfAbsent(run, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(r.getString("reason"));
    }
  }

  @Test
  void upsertRewritesOnlyTouchedPartitionsEmptiesAPartitionAKeyLeftAndRejectsAKeyLoadedTwice() throws Exception {
    upsert("u1", false, () -> {}, row("BET", "2024-06-01", 1), row("BET", "2024-06-01", 2), row("APE", "2024-06-02", 3),
        row("ZZZ", "2024-06-03", 9));
    // Key 3 moves from APE/06-02 (which it leaves empty) to BET/06-01; key 4 is new; key 5 twice.
    List<String> dead = upsert("u2", false, () -> {}, row("BET", "2024-06-01", 3), row("XYZ", "2024-06-05", 4),
        row("BET", "2024-06-09", 5), row("APE", "2024-06-09", 5));
    assertEquals(List.of("BET/2024-06-01=1", "BET/2024-06-01=2", "BET/2024-06-01=3", "XYZ/2024-06-05=4",
        "ZZZ/2024-06-03=9"), tableRows());
    assertEquals(2, dead.size(), dead.toString());
    assertTrue(dead.get(0).contains("qty = '5' appears 2 times"), dead.toString());
    try (LakeCatalog c = LakeCatalog.open(config())) {
      Snapshot s = c.table(STOCK).currentSnapshot();
      assertEquals("overwrite", s.operation());
      // Touched: BET/06-01 (3 moved in), APE/06-02 (3 moved out, now empty), XYZ/06-05 (new); ZZZ's file stays.
      assertEquals("2", s.summary().get("deleted-data-files"), s.summary().toString());
      assertEquals("3", s.summary().get("deleted-records"), s.summary().toString());
      assertEquals("4", s.summary().get("added-records"), s.summary().toString());
      assertEquals("3", s.summary().get("total-data-files"), s.summary().toString());
    }
  }

  @Test
  void upsertReplacingLoadedPartitionsDropsTheirAbsentKeysAndAConcurrentChangeIsRefused() throws Exception {
    upsert("u1", false, () -> {}, row("BET", "2024-06-01", 1), row("BET", "2024-06-01", 2), row("APE", "2024-06-02", 3));
    upsert("u2", true, () -> {}, row("BET", "2024-06-01", 2));
    assertEquals(List.of("APE/2024-06-02=3", "BET/2024-06-01=2"), tableRows(), "key 1 absent from BET/06-01's load: dropped");

    // Another run commits into the table between this upsert's read and its commit: refused, nothing applied.
    TableCommitter.Refused refused = assertThrows(TableCommitter.Refused.class, () -> upsert("u3", false,
        () -> {
          try {
            run("other", TableOutput.append(STOCK), false, row("APE", "2024-06-02", 7));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, row("APE", "2024-06-02", 8)));
    assertTrue(refused.getMessage().contains("other"), refused.getMessage());
    assertEquals(List.of("APE/2024-06-02=3", "APE/2024-06-02=7", "BET/2024-06-01=2"), tableRows());
  }
}
