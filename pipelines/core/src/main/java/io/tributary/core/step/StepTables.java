package io.tributary.core.step;

import io.tributary.core.catalog.CatalogConfig;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.read.ReadTable;
import io.tributary.core.table.TableOutput;
import io.tributary.core.table.TableSpec;
import io.tributary.core.write.PendingFiles;
import io.tributary.core.write.TableCommitter;
import io.tributary.core.write.WriteTable;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.SerializableTable;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * The tables of one run of one step, on the driver: opens the catalog once, notes the snapshot each
 * output table starts from, hands out the read and write transforms for the graph, and after the
 * pipeline succeeded commits every declared output (one snapshot per table, in the order declared),
 * or on failure removes what the workers wrote. Workers only ever see serializable table copies.
 */
public final class StepTables implements Closeable {
  private final LakeCatalog catalog;
  private final String step;
  private final String runId;
  private final long targetFileBytes;
  private final Map<String, TableOutput> outputs = new LinkedHashMap<>();
  private final Map<String, Long> startSnapshots = new LinkedHashMap<>();

  private StepTables(LakeCatalog catalog, String step, String runId, long targetFileBytes) {
    this.catalog = catalog;
    this.step = step;
    this.runId = runId;
    this.targetFileBytes = targetFileBytes;
  }

  public static StepTables open(CatalogConfig config, String step, String runId) {
    return open(config, step, runId, WriteTable.DEFAULT_TARGET_FILE_BYTES);
  }

  public static StepTables open(CatalogConfig config, String step, String runId, long targetFileBytes) {
    return new StepTables(LakeCatalog.open(config), step, runId, targetFileBytes);
  }

  public LakeCatalog catalog() {
    return catalog;
  }

  /** Reads {@code spec}'s table at {@code version}; a table never written is a clear error naming the step to run. */
  public ReadTable read(TableSpec spec, ReadTable.Version version, String hint) {
    if (!catalog.exists(spec)) {
      throw new IllegalStateException("no table " + spec + " yet: " + hint);
    }
    Table table = catalog.table(spec);
    return ReadTable.of(SerializableTable.copyOf(table), spec.schema()).at(version);
  }

  /** True when {@code spec}'s table exists and has rows at its current snapshot. */
  public boolean hasRows(TableSpec spec) {
    if (!catalog.exists(spec)) {
      return false;
    }
    Snapshot current = catalog.table(spec).currentSnapshot();
    return current != null && Long.parseLong(current.summary().getOrDefault("total-records", "0")) > 0;
  }

  /** Declares {@code output} and returns the transform that writes its rows (committed later, by {@link #commit}). */
  public WriteTable write(TableOutput output) {
    TableSpec spec = output.table();
    if (outputs.containsKey(spec.name())) {
      throw new IllegalArgumentException(step + " declares " + spec + " twice");
    }
    Table table = catalog.table(spec);
    Snapshot start = table.currentSnapshot();
    startSnapshots.put(spec.name(), start == null ? null : start.snapshotId());
    outputs.put(spec.name(), output);
    return WriteTable.of(step, SerializableTable.copyOf(table), PendingFiles.path(table, runId, step), runId,
        output.countsAsWritten(), targetFileBytes);
  }

  /** Commits every declared output, with {@code summary} (the step's counters) in each snapshot. */
  public List<TableCommitter.Commit> commit(Map<String, String> summary) {
    List<TableCommitter.Commit> commits = new ArrayList<>();
    for (TableOutput output : outputs.values()) {
      Table table = catalog.table(output.table());
      String pending = PendingFiles.path(table, runId, step);
      List<DataFile> files = PendingFiles.read(table.io(), pending);
      commits.add(TableCommitter.commit(table, output, files, runId, step, startSnapshots.get(output.table().name()),
          summary));
      PendingFiles.delete(table.io(), pending);
    }
    return commits;
  }

  /** After a failed run: the data files the workers listed, and the lists, are deleted; nothing was committed. */
  public void abort() {
    for (TableOutput output : outputs.values()) {
      try {
        Table table = catalog.table(output.table());
        String pending = PendingFiles.path(table, runId, step);
        for (DataFile file : PendingFiles.read(table.io(), pending)) {
          if (TableCommitter.committedBy(table, runId, step) == null) {
            table.io().deleteFile(file.path().toString());
          }
        }
        PendingFiles.delete(table.io(), pending);
      } catch (RuntimeException e) {
        // best effort: files left behind are orphans that `table clean` removes
      }
    }
  }

  @Override
  public void close() throws IOException {
    catalog.close();
  }
}
