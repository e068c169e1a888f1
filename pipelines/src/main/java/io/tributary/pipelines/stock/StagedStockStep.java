package io.tributary.pipelines.stock;

import io.tributary.pipelines.Lake;
import io.tributary.transforms.deadletter.WriteDeadLetters;
import io.tributary.transforms.lake.ReplaceDirectory;
import io.tributary.transforms.lake.VersionedTable;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.Row;

/**
 * What every stock step shares: its table is written to a staging folder and published (keeping a
 * version) only after the run succeeded, and its dead letters replace those of the step's previous
 * run over the same input ({@code lake/deadletter/stock/<what>}).
 */
abstract class StagedStockStep implements StockStep {
  private final String name;
  final StockOptions options;
  final StockLake lake;
  final VersionedTable table;
  final String staging;
  final String deadLetters;
  final String deadLetterStaging;

  StagedStockStep(String name, StockOptions options, String tableName, String deadLetterWhat) {
    this.name = name;
    this.options = options;
    this.lake = new StockLake(options);
    this.table = lake.table(tableName);
    this.staging = table.staging(runId());
    this.deadLetters = lake.deadLetters(deadLetterWhat);
    this.deadLetterStaging = ReplaceDirectory.staging(deadLetters, runId());
  }

  final String runId() {
    return Lake.runId(options);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String table() {
    return table.name();
  }

  /** The whole table, unless the step publishes partitions. */
  @Override
  public java.util.List<String> partitions() {
    return java.util.List.of("");
  }

  /** All the step's rejects, one file per run. */
  final void writeDeadLetters(PCollectionList<Row> rejects) {
    rejects.apply("DeadLetters", Flatten.pCollections())
        .apply("WriteDeadLetters", WriteDeadLetters.to(deadLetterStaging, runId()));
  }

  /**
   * Publishes the dead letters, then refuses (throws, so the step is aborted and the table stays as
   * it was) when the run kept no row: a wrong file must not empty a table.
   */
  final void publishDeadLettersOrRefuse(long rowsKept, String what) {
    ReplaceDirectory.commit(deadLetterStaging, deadLetters);
    if (rowsKept == 0) {
      throw new IllegalStateException(what + ": " + table.name() + " left as it was (rejects in " + deadLetters + ")");
    }
  }

  @Override
  public void abort() {
    table.discard(staging);
    ReplaceDirectory.discard(deadLetterStaging);
  }
}
