package io.tributary.core.ops;

import io.tributary.core.write.TableCommitter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionField;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.FileAppender;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;

/**
 * The operations on a table that `tributary table ...` offers: its history and schema, rollback,
 * export (Parquet in hive-style partition folders, or one CSV with a header, for tools that cannot
 * read Iceberg), snapshot expiry and orphan-file removal. All on the driver, through the catalog.
 */
public final class TableOps {
  private TableOps() {}

  /** One line per snapshot, oldest first: id, time, operation, run id, step, records added/removed, current mark. */
  public static List<String> history(Table table) {
    List<String> lines = new ArrayList<>();
    Long current = table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
    Set<Long> live = new HashSet<>();
    table.history().forEach(h -> live.add(h.snapshotId()));
    for (Snapshot s : table.snapshots()) {
      Map<String, String> sum = s.summary();
      lines.add(String.format("%s %d %s %s run=%s step=%s +%s -%s rows, total %d%s", Instant.ofEpochMilli(s.timestampMillis()),
          s.snapshotId(), s.operation(), s.parentId() == null ? "(first)" : "(parent " + s.parentId() + ")",
          sum.getOrDefault(TableCommitter.RUN_ID, "?"), sum.getOrDefault(TableCommitter.STEP, "?"),
          sum.getOrDefault("added-records", "0"), sum.getOrDefault("deleted-records", "0"),
          io.tributary.core.table.TableTotals.records(s), Long.valueOf(s.snapshotId()).equals(current) ? "  <- current" : ""));
    }
    return lines;
  }

  public static List<String> schema(Table table) {
    List<String> lines = new ArrayList<>();
    for (Types.NestedField f : table.schema().columns()) {
      lines.add(f.name() + " " + f.type() + (f.isOptional() ? "" : " not null"));
    }
    List<String> parts = new ArrayList<>();
    for (PartitionField p : table.spec().fields()) {
      parts.add(p.transform() + "(" + table.schema().findColumnName(p.sourceId()) + ")");
    }
    lines.add("partitioned by: " + (parts.isEmpty() ? "nothing" : String.join(", ", parts)));
    lines.add("location: " + table.location());
    return lines;
  }

  /** Makes {@code to} (default: the current snapshot's parent) the current snapshot; returns it. */
  public static long rollback(Table table, Long to) {
    Snapshot current = table.currentSnapshot();
    if (current == null) {
      throw new IllegalArgumentException(table.name() + " has no snapshot to roll back");
    }
    long target;
    if (to != null) {
      target = to;
    } else if (current.parentId() != null) {
      target = current.parentId();
    } else {
      throw new IllegalArgumentException(table.name() + " is at its first snapshot " + current.snapshotId()
          + ": nothing earlier to roll back to");
    }
    if (table.snapshot(target) == null) {
      throw new IllegalArgumentException(table.name() + " has no snapshot " + target + " (see `tributary table history "
          + table.name() + "`)");
    }
    table.manageSnapshots().rollbackTo(target).commit();
    return target;
  }

  /**
   * Removes snapshots older than {@code cutoffMillis} (the current one is always kept) and the data
   * files only they referenced. Iceberg's own expiry removes a file only when the snapshot that
   * deleted it expires too (one expiry late), so the files are computed here: referenced by an
   * expired snapshot and by no retained one. Files of a run in progress are in no snapshot: untouched.
   */
  public static int expire(Table table, long cutoffMillis) {
    Map<Long, Set<String>> before = new LinkedHashMap<>();
    for (Snapshot s : table.snapshots()) {
      before.put(s.snapshotId(), files(table, s.snapshotId()));
    }
    table.expireSnapshots().expireOlderThan(cutoffMillis).retainLast(1).commit();
    table.refresh();
    Set<String> live = referenced(table);
    Set<String> gone = new HashSet<>();
    int expired = 0;
    for (Map.Entry<Long, Set<String>> e : before.entrySet()) {
      if (table.snapshot(e.getKey()) == null) {
        expired++;
        gone.addAll(e.getValue());
      }
    }
    gone.removeAll(live);
    for (String file : gone) {
      table.io().deleteFile(file);
    }
    return expired;
  }

  /** Every data file any retained snapshot references. */
  private static Set<String> referenced(Table table) {
    Set<String> referenced = new HashSet<>();
    for (Snapshot s : table.snapshots()) {
      referenced.addAll(files(table, s.snapshotId()));
    }
    return referenced;
  }

  private static Set<String> files(Table table, long snapshotId) {
    Set<String> files = new HashSet<>();
    try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(snapshotId).planFiles()) {
      tasks.forEach(t -> files.add(t.file().path().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /**
   * Deletes files under the table's {@code data/} and {@code pending/} folders that no snapshot
   * references and that are older than {@code graceMillis} (a run in progress writes files no
   * snapshot references yet: the grace protects them). Returns the deleted paths.
   */
  public static List<String> clean(Table table, long graceMillis) {
    if (!io.tributary.core.write.PendingFiles.canList(table.io())) {
      throw new IllegalStateException("cannot list the files of " + table.name() + " with " + table.io().getClass().getSimpleName());
    }
    Set<String> referenced = new HashSet<>();
    referenced(table).forEach(f -> referenced.add(normal(f)));
    long cutoff = System.currentTimeMillis() - graceMillis;
    List<String> deleted = new ArrayList<>();
    for (String folder : List.of("/data", "/pending")) {
      for (FileInfo f : io.tributary.core.write.PendingFiles.list(table.io(), table.location() + folder)) {
        if (!referenced.contains(normal(f.location())) && f.createdAtMillis() < cutoff) {
          table.io().deleteFile(f.location());
          deleted.add(f.location());
        }
      }
    }
    return deleted;
  }

  private static String normal(String location) {
    return location.startsWith("file:") ? location.replaceFirst("^file:/*", "/") : location;
  }

  /**
   * Exports the rows of {@code table} matching {@code where} at a version (snapshot id or time, or
   * the current one): {@code csv} as {@code DIR/<table>.csv} with a header, {@code parquet} as plain
   * Parquet files in hive-style partition folders under {@code DIR/<table>/}. Returns rows written.
   */
  public static long export(Table table, Path dir, String format, Long snapshotId, Long asOfMillis, Expression where)
      throws IOException {
    IcebergGenerics.ScanBuilder scan = IcebergGenerics.read(table).where(where);
    if (snapshotId != null) {
      scan = scan.useSnapshot(snapshotId);
    } else if (asOfMillis != null) {
      scan = scan.asOfTime(asOfMillis);
    }
    String name = table.name().substring(table.name().lastIndexOf('.') + 1);
    Files.createDirectories(dir);
    long rows = 0;
    List<Types.NestedField> columns = table.schema().columns();
    if (format.equals("csv")) {
      Path file = dir.resolve(name + ".csv");
      try (CloseableIterable<Record> records = scan.build();
          BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        List<String> header = new ArrayList<>();
        columns.forEach(c -> header.add(c.name()));
        out.write(io.tributary.transforms.io.CsvFields.join(header));
        out.write('\n');
        for (Record r : records) {
          List<String> values = new ArrayList<>();
          for (Types.NestedField c : columns) {
            Object v = r.getField(c.name());
            values.add(v == null ? "" : v.toString());
          }
          out.write(io.tributary.transforms.io.CsvFields.join(values));
          out.write('\n');
          rows++;
        }
      }
      return rows;
    }
    if (!format.equals("parquet")) {
      throw new IllegalArgumentException("--format must be parquet or csv, got '" + format + "'");
    }
    Path root = dir.resolve(name);
    Map<String, FileAppender<Record>> writers = new LinkedHashMap<>();
    // Hive-style col=value/ folders, computed as the writer partitions (one key reused per record).
    io.tributary.core.write.PartitionPaths partitions = new io.tributary.core.write.PartitionPaths(table);
    try (CloseableIterable<Record> records = scan.build()) {
      for (Record r : records) {
        String partition = partitions.of(r);
        FileAppender<Record> w = writers.get(partition);
        if (w == null) {
          Path folder = partition.isEmpty() ? root : root.resolve(partition);
          Files.createDirectories(folder);
          w = Parquet.write(org.apache.iceberg.Files.localOutput(folder.resolve("part-00000.parquet").toFile()))
              .schema(table.schema()).createWriterFunc(GenericParquetWriter::buildWriter).overwrite().build();
          writers.put(partition, w);
        }
        w.add(r);
        rows++;
      }
    } finally {
      for (FileAppender<Record> w : writers.values()) {
        w.close();
      }
    }
    return rows;
  }
}
