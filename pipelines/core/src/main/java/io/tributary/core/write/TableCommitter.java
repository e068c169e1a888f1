package io.tributary.core.write;

import io.tributary.core.table.TableOutput;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.ReplacePartitions;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotUpdate;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Commits what one run wrote into one table as one snapshot, on the driver, after the pipeline
 * succeeded. The snapshot summary carries the run id, the step and its counters. A run id already
 * in the table's history makes the commit a no-op (a retried commit cannot apply twice). Replace and
 * overwrite are validated from the snapshot the run started from: if another run changed what this
 * one replaces in between, the commit fails naming that run, and nothing of this one is visible.
 */
public final class TableCommitter {
  private TableCommitter() {}

  public static final String RUN_ID = "tributary.run-id";
  public static final String STEP = "tributary.step";

  /** What a commit did: the new snapshot (or the earlier one of the same run), files and rows. */
  public record Commit(String table, long snapshotId, int files, long rows, boolean alreadyCommitted, String operation,
      List<String> partitions) {
    Commit(String table, long snapshotId, int files, long rows, boolean alreadyCommitted, String operation) {
      this(table, snapshotId, files, rows, alreadyCommitted, operation, List.of());
    }

    @Override
    public String toString() {
      if (files == 0 && operation.startsWith("nothing to")) {
        return table + ": " + operation;
      }
      return "committed " + table + ": " + (alreadyCommitted ? "already committed by this run as snapshot " + snapshotId
          : operation + " of " + files + " file(s), " + rows + " row(s) -> snapshot " + snapshotId);
    }
  }

  /** A commit refused: the table is as it was. */
  public static final class Refused extends RuntimeException {
    public Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Commits {@code files} as {@code output} says; {@code touched} lists the partitions (partition
   * paths) a {@link TableOutput.RewritePartitions} run emptied or changed, besides those of its files.
   */
  public static Commit commit(Table table, TableOutput output, List<DataFile> files, Set<String> touched,
      String runId, String step, Long startSnapshotId, Map<String, String> summary) {
    table.refresh();
    String name = output.table().name();
    Snapshot earlier = committedBy(table, runId, step);
    if (earlier != null) {
      return new Commit(name, earlier.snapshotId(), files.size(), rows(files), true, output.operation());
    }
    if (files.isEmpty() && output instanceof TableOutput.Append) {
      // Nothing to add (no dead letters, say): no empty snapshot.
      long current = table.currentSnapshot() == null ? -1 : table.currentSnapshot().snapshotId();
      return new Commit(name, current, 0, 0, false, "nothing to append");
    }
    if (files.isEmpty() && touched.isEmpty() && output instanceof TableOutput.RewritePartitions
        && !output.refuseIfEmpty()) {
      long current = table.currentSnapshot() == null ? -1 : table.currentSnapshot().snapshotId();
      return new Commit(name, current, 0, 0, false, "nothing to rewrite");
    }
    if (files.isEmpty() && output.refuseIfEmpty()) {
      throw new Refused("refusing to commit an empty " + output.table() + ": the run wrote no row into it (the table"
          + " keeps its current state)", null);
    }
    if (startSnapshotId == null && table.currentSnapshot() != null && !(output instanceof TableOutput.Append)) {
      throw conflict(table, name, runId, null, null);
    }
    SnapshotUpdate<?> update;
    if (output instanceof TableOutput.Append) {
      AppendFiles append = table.newAppend();
      files.forEach(append::appendFile);
      update = append;
    } else if (output instanceof TableOutput.ReplacePartitions) {
      ReplacePartitions replace = table.newReplacePartitions();
      files.forEach(replace::addFile);
      if (startSnapshotId != null) {
        replace.validateFromSnapshot(startSnapshotId).validateNoConflictingData().validateNoConflictingDeletes();
      }
      update = replace;
    } else if (output instanceof TableOutput.RewritePartitions) {
      update = rewrite(table, files, touched, startSnapshotId);
    } else {
      OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(Expressions.alwaysTrue());
      files.forEach(overwrite::addFile);
      if (startSnapshotId != null) {
        overwrite.validateFromSnapshot(startSnapshotId).validateNoConflictingData().validateNoConflictingDeletes();
      }
      update = overwrite;
    }
    update.set(RUN_ID, runId);
    update.set(STEP, step);
    summary.forEach(update::set);
    try {
      update.commit();
    } catch (ValidationException | CommitFailedException e) {
      throw conflict(table, name, runId, startSnapshotId, e);
    }
    table.refresh();
    return new Commit(name, table.currentSnapshot().snapshotId(), files.size(), rows(files), false,
        output.operation(), changedPartitions(table, table.currentSnapshot()));
  }

  /**
   * The files of the touched partitions at the start snapshot are deleted, the run's added, in one
   * snapshot; any data another run added or removed since the start snapshot fails the commit.
   */
  private static OverwriteFiles rewrite(Table table, List<DataFile> files, Set<String> touched, Long startSnapshotId) {
    Set<String> partitions = new HashSet<>(touched);
    files.forEach(f -> partitions.add(PartitionPaths.of(table, f)));
    OverwriteFiles overwrite = table.newOverwrite();
    if (startSnapshotId != null) {
      try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(startSnapshotId).planFiles()) {
        for (FileScanTask task : tasks) {
          if (partitions.contains(PartitionPaths.of(table, task.file()))) {
            overwrite.deleteFile(task.file());
          }
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot plan the files of " + table.name(), e);
      }
      overwrite.validateFromSnapshot(startSnapshotId).conflictDetectionFilter(Expressions.alwaysTrue())
          .validateNoConflictingData().validateNoConflictingDeletes();
    }
    files.forEach(overwrite::addFile);
    return overwrite;
  }

  /** The partitions (paths) a snapshot added or removed files in, sorted; none for an unpartitioned table. */
  public static List<String> changedPartitions(Table table, Snapshot snapshot) {
    if (table.spec().isUnpartitioned()) {
      return List.of();
    }
    Set<String> paths = new java.util.TreeSet<>();
    snapshot.addedDataFiles(table.io()).forEach(f -> paths.add(PartitionPaths.of(table, f)));
    snapshot.removedDataFiles(table.io()).forEach(f -> paths.add(PartitionPaths.of(table, f)));
    return new ArrayList<>(paths);
  }

  /** The snapshot a run already committed for this step, if any. */
  public static Snapshot committedBy(Table table, String runId, String step) {
    for (Snapshot s : table.snapshots()) {
      if (runId.equals(s.summary().get(RUN_ID)) && step.equals(s.summary().get(STEP))) {
        return s;
      }
    }
    return null;
  }

  private static Refused conflict(Table table, String name, String runId, Long startSnapshotId, RuntimeException cause) {
    table.refresh();
    List<String> others = new ArrayList<>();
    boolean after = startSnapshotId == null;
    for (Snapshot s : table.snapshots()) {
      if (after) {
        others.add("run " + s.summary().getOrDefault(RUN_ID, "?") + " (" + s.summary().getOrDefault(STEP, "?")
            + ", snapshot " + s.snapshotId() + ")");
      }
      if (startSnapshotId != null && s.snapshotId() == startSnapshotId) {
        after = true;
      }
    }
    return new Refused("table " + name + " was changed by " + (others.isEmpty() ? "another run"
        : String.join(", ", others)) + " while run " + runId + " was running: nothing of run " + runId
        + " was committed to it; run the step again" + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause);
  }

  private static long rows(List<DataFile> files) {
    long n = 0;
    for (DataFile f : files) {
      n += f.recordCount();
    }
    return n;
  }
}
