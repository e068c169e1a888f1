package io.tributary.pipelines.inventory;

import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.step.Lake;
import io.tributary.core.step.TableStep;
import io.tributary.core.table.TableSpec;
import io.tributary.core.write.PartitionPaths;
import io.tributary.core.write.TableCommitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * An inventory step over a range of days ({@code --date}, or {@code --from}/{@code --to}) in one
 * pipeline: the days already in its output table are skipped unless {@code --force} (a backfill
 * resumes where it stopped), each day is one partition of the output (a rerun replaces it), and
 * the commit reports the rows written per day.
 */
public abstract class InventoryStep extends TableStep {
  protected final InventoryOptions options;
  protected final TableSpec output;
  private final List<LocalDate> requested;
  private final List<LocalDate> published;
  private final List<String> notes = new ArrayList<>();
  private InventorySource source;

  InventoryStep(String name, InventoryOptions options, TableSpec output) {
    super(name, options);
    this.options = options;
    this.output = output;
    this.requested = requestedDays(options);
    this.published = options.getForce() ? List.of() : publishedDays(options, output, requested);
    if (!published.isEmpty()) {
      notes.add("skipped " + published.size() + " day(s) already in " + output.name() + " (--force recomputes): "
          + InventoryDays.ranges(published));
    }
  }

  /** {@code 2024-06-03}, or {@code 2024-06-01..2024-06-30}: the days asked for. */
  public static String describe(InventoryOptions options) {
    return InventoryDays.ranges(requestedDays(options));
  }

  /** The days this run computes: requested, minus published ones unless forced. */
  public List<LocalDate> days() {
    List<LocalDate> days = new ArrayList<>(requested);
    days.removeAll(published);
    return days;
  }

  List<LocalDate> requested() {
    return requested;
  }

  /** Said in the run summary (skipped days, missing inputs). */
  public List<String> notes() {
    return notes;
  }

  void note(String note) {
    notes.add(note);
  }

  /** Where this step reads its inputs; made once, so each input's days are listed once. */
  InventorySource source() {
    if (source == null) {
      source = InventorySource.of(options);
    }
    return source;
  }

  static List<LocalDate> requestedDays(InventoryOptions options) {
    String date = options.getDate();
    String from = options.getFrom();
    String to = options.getTo();
    if (date != null && !date.isBlank()) {
      if (from != null || to != null) {
        throw new IllegalArgumentException("give --date or --from/--to, not both");
      }
      return List.of(InventoryDays.parse("--date", date));
    }
    if (from == null || to == null) {
      throw new IllegalArgumentException("inventory needs --date=yyyy-MM-dd, or --from and --to for a range");
    }
    return InventoryDays.range(InventoryDays.parse("--from", from), InventoryDays.parse("--to", to));
  }

  /** Days of {@code requested} that have rows in {@code output}, from its files' partitions. */
  static List<LocalDate> publishedDays(InventoryOptions options, TableSpec output, List<LocalDate> requested) {
    TreeSet<LocalDate> days = new TreeSet<>();
    try (LakeCatalog catalog = LakeCatalog.open(Lake.catalog(options))) {
      if (!catalog.exists(output)) {
        return List.of();
      }
      Table table = catalog.existing(output.name());
      if (table.currentSnapshot() == null) {
        return List.of();
      }
      try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
        for (FileScanTask t : tasks) {
          LocalDate day = partitionDay(table, t.file());
          if (day != null && t.file().recordCount() > 0 && requested.contains(day)) {
            days.add(day);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(days);
  }

  /** The day of a file of a table partitioned by day ({@code date_day=2024-06-03}). */
  static LocalDate partitionDay(Table table, DataFile file) {
    String path = PartitionPaths.of(table, file);
    int eq = path.indexOf('=');
    return eq < 0 ? null : LocalDate.parse(path.substring(eq + 1, eq + 11));
  }

  /** Rows written per day by this run's commit of the output table, from the files it added. */
  Map<LocalDate, Long> rowsPerDay() {
    Map<LocalDate, Long> rows = new TreeMap<>();
    days().forEach(d -> rows.put(d, 0L));
    for (TableCommitter.Commit c : committed()) {
      if (!c.table().equals(output.name())) {
        continue;
      }
      try (LakeCatalog catalog = LakeCatalog.open(Lake.catalog(options))) {
        Table table = catalog.existing(output.name());
        for (DataFile f : table.snapshot(c.snapshotId()).addedDataFiles(table.io())) {
          rows.merge(partitionDay(table, f), f.recordCount(), Long::sum);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return rows;
  }

  @Override
  public List<String> commits() {
    List<String> lines = new ArrayList<>(super.commits());
    lines.addAll(notes);
    if (!committed().isEmpty()) {
      StringBuilder b = new StringBuilder("rows per day in " + output.name() + ":");
      rowsPerDay().forEach((d, n) -> b.append(' ').append(d).append('=').append(n));
      lines.add(b.toString());
    }
    return lines;
  }
}
