package io.tributary.pipelines.stock;

import io.tributary.transforms.lake.LakeFiles;
import io.tributary.transforms.lake.VersionedTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.fs.ResourceId;

/** {@code stock prune} and {@code stock rollback}: retention and undo, no Beam pipeline needed. */
public final class StockMaintenance {
  private static final Pattern RETENTION = Pattern.compile("(\\d+)d");

  private final StockLake lake;

  public StockMaintenance(StockLake lake) {
    this.lake = lake;
  }

  /** {@code 30d} as a number of days. */
  public static int retentionDays(String text) {
    Matcher m = RETENTION.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--older-than must be a number of days like 30d, got '" + text + "'");
    }
    return Integer.parseInt(m.group(1));
  }

  /** What a prune removed: supplier_stock days (with their DROP PARTITION statements) and versions. */
  public static final class Pruned {
    public final List<String> days = new ArrayList<>();
    public final List<String> dropStatements = new ArrayList<>();
    public final List<String> versions = new ArrayList<>();
  }

  /**
   * Deletes supplier_stock days before {@code today - days} and versions of every table made more
   * than {@code days} days before {@code now}; refreshes the partition manifest.
   */
  public Pruned prune(int days, LocalDate today, Instant now) {
    Pruned pruned = new Pruned();
    LocalDate cutoff = today.minusDays(days);
    StockCatalog catalog = new StockCatalog(lake);
    // By folder name, so days without a _SUCCESS marker (a crashed copy, another tool) go too.
    for (ResourceId file : LakeFiles.match(lake.root + "/supplier_stock/*/*/*/*/*")) {
      StockCatalog.Partition day = StockCatalog.dayOf(file.toString());
      if (day == null) {
        continue;
      }
      String path = day.path();
      if (day.date().isBefore(cutoff) && !pruned.days.contains(path)) {
        LakeFiles.delete(lake.root + "/supplier_stock/" + path);
        LakeFiles.deleteEmptyParents(lake.root + "/supplier_stock/" + path, lake.root + "/supplier_stock");
        pruned.days.add(path);
        pruned.dropStatements.add(catalog.dropPartition(day.supplier, day.date()));
      }
    }
    Instant versionCutoff = now.minus(Duration.ofDays(days));
    for (String t : StockLake.TABLES) {
      for (VersionedTable.Version v : lake.table(t).pruneVersions(versionCutoff)) {
        pruned.versions.add(t + " " + v.id);
      }
    }
    catalog.refreshManifest();
    return pruned;
  }

  /** Restores the previous version of {@code table}; see {@link VersionedTable#rollback}. */
  public VersionedTable.Version rollback(String table) {
    VersionedTable.Version restored = lake.table(table).rollback();
    if (StockLake.SUPPLIER_STOCK.equals(table)) {
      new StockCatalog(lake).refreshManifest();
    }
    return restored;
  }
}
