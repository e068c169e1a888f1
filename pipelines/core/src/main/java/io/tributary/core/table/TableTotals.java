package io.tributary.core.table;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/**
 * A snapshot's running totals, as Iceberg keeps them in its summary (each data file's own record
 * count and size, added up at every commit): what a table holds without reading it. Zero for no
 * snapshot (an empty table).
 */
public final class TableTotals {
  private TableTotals() {}

  public static long records(Snapshot snapshot) {
    return total(snapshot, "total-records");
  }

  public static long dataFiles(Snapshot snapshot) {
    return total(snapshot, "total-data-files");
  }

  public static long bytes(Snapshot snapshot) {
    return total(snapshot, "total-files-size");
  }

  public static long records(Table table) {
    return records(table.currentSnapshot());
  }

  public static long bytes(Table table) {
    return bytes(table.currentSnapshot());
  }

  private static long total(Snapshot snapshot, String key) {
    return snapshot == null ? 0 : Long.parseLong(snapshot.summary().getOrDefault(key, "0"));
  }
}
