package io.tributary.core.step;

import io.tributary.core.catalog.CatalogConfig;
import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.read.ReadTable;
import io.tributary.core.table.TableOutput;
import io.tributary.core.table.TableSpec;
import io.tributary.core.write.PendingFiles;
import io.tributary.core.table.TableTotals;
import io.tributary.core.write.TableCommitter;
import io.tributary.core.write.UpsertByKey;
import io.tributary.core.write.WriteTable;
import io.tributary.schemas.DeadLetterSchema;
import java.io.Closeable;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
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
  private final List<String> notes = new ArrayList<>();
  /** Input tables read at their current snapshot: name -> the snapshot read. */
  private final Map<String, Long> inputs = new LinkedHashMap<>();
  private long orphanGraceMillis = 3_600_000L;

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

  /**
   * Lists of files older than this, left by a run of this step that died between writing and
   * committing, are removed when the step runs again (younger ones may belong to a run still
   * committing, and are only reported). Default one hour.
   */
  public StepTables withOrphanGrace(long millis) {
    this.orphanGraceMillis = millis;
    return this;
  }

  /** What the step found and did besides its commits (another run's leftovers), for the run summary. */
  public List<String> notes() {
    return notes;
  }

  /** Reads {@code spec}'s table at {@code version}; a table never written is a clear error naming the step to run. */
  public ReadTable read(TableSpec spec, ReadTable.Version version, String hint) {
    if (!catalog.exists(spec)) {
      throw new IllegalStateException("no table " + spec + " yet: " + hint);
    }
    Table table = catalog.table(spec);
    if (version.isCurrent() && table.currentSnapshot() != null) {
      // Pinned to the snapshot current now: the read is consistent, and the commit can check that
      // no other run changed this input meanwhile.
      long id = table.currentSnapshot().snapshotId();
      inputs.put(spec.name(), id);
      version = ReadTable.Version.snapshot(id);
    }
    return ReadTable.of(SerializableTable.copyOf(table), spec.schema()).at(version).countedFor(step);
  }

  /** True when {@code spec}'s table exists and has rows at its current snapshot. */
  public boolean hasRows(TableSpec spec) {
    if (!catalog.exists(spec)) {
      return false;
    }
    Snapshot current = catalog.table(spec).currentSnapshot();
    return TableTotals.records(current) > 0;
  }

  /** Declares {@code output} and returns the transform that writes its rows (committed later, by {@link #commit}). */
  public WriteTable write(TableOutput output) {
    TableSpec spec = output.table();
    if (outputs.containsKey(spec.name())) {
      throw new IllegalArgumentException(step + " declares " + spec + " twice");
    }
    Table table = catalog.table(spec);
    tidyLeftovers(table, spec.name());
    Snapshot start = table.currentSnapshot();
    startSnapshots.put(spec.name(), start == null ? null : start.snapshotId());
    outputs.put(spec.name(), output);
    return WriteTable.of(step, SerializableTable.copyOf(table), PendingFiles.path(table, runId, step), runId,
        output.countsAsWritten(), targetFileBytes, spec.shards());
  }

  /**
   * Declares a key upsert into {@code spec} ({@link TableOutput.RewritePartitions}) and returns the
   * transform that does it: it reads the table at its current snapshot (pinned: another run's change
   * meanwhile fails the commit) and writes the partitions the load touches.
   */
  public UpsertByKey upsert(TableOutput output, List<String> keyColumns) {
    if (!(output instanceof TableOutput.RewritePartitions)) {
      throw new IllegalArgumentException("an upsert commits as rewrite-partitions, not " + output.operation());
    }
    TableSpec spec = output.table();
    for (String k : keyColumns) {
      if (!spec.schema().hasField(k)) {
        throw new IllegalArgumentException(spec + " has no key column " + k);
      }
    }
    WriteTable write = write(output);
    Table table = catalog.table(spec);
    ReadTable stored = read(spec, ReadTable.Version.current(), "");
    return UpsertByKey.of(step, spec.name(), keyColumns, stored, write, SerializableTable.copyOf(table),
        PendingFiles.partitionsPath(PendingFiles.path(table, runId, step)));
  }

  /**
   * Declares {@code spec} (a {@link DeadLetterSchema#TABLE} table) as this step's dead letters,
   * appended, and returns the transform that stamps each rejected row with the run id and the run's
   * day (UTC) and writes it.
   */
  public PTransform<PCollection<Row>, PDone> deadLetters(TableSpec spec) {
    if (!spec.schema().equals(DeadLetterSchema.TABLE)) {
      throw new IllegalArgumentException(spec + " is not a dead-letter table (its schema is not DeadLetterSchema.TABLE)");
    }
    WriteTable write = write(TableOutput.deadLetters(spec));
    String run = runId;
    LocalDate day = LocalDate.now(ZoneOffset.UTC);
    return new PTransform<PCollection<Row>, PDone>() {
      @Override
      public PDone expand(PCollection<Row> rejected) {
        return rejected
            .apply("Stamp", MapElements.into(TypeDescriptors.rows()).via((Row r) -> DeadLetterSchema.stamped(r, run, day)))
            .setRowSchema(DeadLetterSchema.TABLE)
            .apply("Write", write);
      }
    };
  }

  /** Commits every declared output, with {@code summary} (the step's counters) in each snapshot. */
  public List<TableCommitter.Commit> commit(Map<String, String> summary) {
    checkInputsUnchanged();
    List<TableCommitter.Commit> commits = new ArrayList<>();
    for (TableOutput output : outputs.values()) {
      Table table = catalog.table(output.table());
      String pending = PendingFiles.path(table, runId, step);
      List<DataFile> files = PendingFiles.read(table.io(), pending);
      commits.add(TableCommitter.commit(table, output, files,
          PendingFiles.readPartitions(table.io(), PendingFiles.partitionsPath(pending)), runId, step,
          startSnapshots.get(output.table().name()), summary));
      PendingFiles.delete(table.io(), pending);
      // Crash tests stop the JVM between the commits of two tables (-Dtributary.test.haltBetweenCommits=STEP).
      if (step.equals(System.getProperty("tributary.test.haltBetweenCommits"))) {
        Runtime.getRuntime().halt(137);
      }
    }
    return commits;
  }

  /**
   * Another run of this step that was killed after its workers wrote and before it committed left
   * its list of files in {@code pending/}: nothing of it is in the table (its files are orphans).
   * Said in the summary; removed with its files once older than the grace.
   */
  private void tidyLeftovers(Table table, String name) {
    if (!PendingFiles.canList(table.io())) {
      return;
    }
    String suffix = "-" + step + ".files";
    List<org.apache.iceberg.io.FileInfo> lists = PendingFiles.list(table.io(), table.location() + "/pending");
    long cutoff = System.currentTimeMillis() - orphanGraceMillis;
    for (org.apache.iceberg.io.FileInfo info : lists) {
      String file = info.location().substring(info.location().lastIndexOf('/') + 1);
      if (!file.endsWith(suffix) || file.equals(runId + suffix)) {
        continue;
      }
      String otherRun = file.substring(0, file.length() - suffix.length());
      if (TableCommitter.committedBy(table, otherRun, step) != null) {
        PendingFiles.delete(table.io(), info.location()); // committed; its list was left behind
        continue;
      }
      List<DataFile> orphans = PendingFiles.read(table.io(), info.location());
      if (info.createdAtMillis() < cutoff) {
        orphans.forEach(f -> table.io().deleteFile(f.path().toString()));
        PendingFiles.delete(table.io(), info.location());
        notes.add(name + ": run " + otherRun + " was killed before its commit: its " + orphans.size()
            + " uncommitted file(s) removed (the table never saw them)");
      } else {
        notes.add(name + ": run " + otherRun + " wrote " + orphans.size() + " file(s) it has not committed (killed, or"
            + " still committing); `tributary table clean` removes them once older than its grace");
      }
    }
  }

  /**
   * An input another run changed while this one read it (new raw trips while the transform ran)
   * would make this run's output silently miss that change: refused, naming the other run.
   */
  private void checkInputsUnchanged() {
    for (Map.Entry<String, Long> input : inputs.entrySet()) {
      Table table = catalog.existing(input.getKey());
      table.refresh();
      Snapshot now = table.currentSnapshot();
      if (now != null && now.snapshotId() != input.getValue()) {
        throw new TableCommitter.Refused("input table " + input.getKey() + " was changed by run "
            + now.summary().getOrDefault(TableCommitter.RUN_ID, "?") + " (" + now.summary().getOrDefault(TableCommitter.STEP, "?")
            + ", snapshot " + now.snapshotId() + ") while run " + runId + " read snapshot " + input.getValue()
            + ": nothing of run " + runId + " was committed; run the step again", null);
      }
    }
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
