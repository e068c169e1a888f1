package io.tributary.pipelines.stock;

import io.tributary.core.catalog.LakeCatalog;
import io.tributary.core.ops.TableOps;
import io.tributary.core.table.TableSpec;
import io.tributary.core.write.TableCommitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * {@code stock prune}: the seed's retention. Deletes the supplier_stock days before the cutoff (one
 * snapshot, with the run id) and expires the snapshots of every stock table older than the
 * retention, with the files only they referenced; the current snapshot always stays.
 */
public final class StockPrune {
  private static final Pattern RETENTION = Pattern.compile("(\\d+)d");

  private StockPrune() {}

  /** {@code 30d} as a number of days. */
  public static int retentionDays(String text) {
    Matcher m = RETENTION.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--older-than must be a number of days like 30d, got '" + text + "'");
    }
    return Integer.parseInt(m.group(1));
  }

  /** What a prune removed: supplier_stock partitions, and per table the snapshots expired. */
  public record Pruned(List<String> days, Map<String, Integer> expired) {}

  /** Deletes supplier_stock days before {@code today - days}; expires snapshots made before {@code now - days}. */
  public static Pruned prune(LakeCatalog catalog, int days, LocalDate today, Instant now, String runId) {
    LocalDate cutoff = today.minusDays(days);
    List<String> pruned = new ArrayList<>();
    if (catalog.exists(StockTables.SUPPLIER_STOCK)) {
      Table stock = catalog.table(StockTables.SUPPLIER_STOCK);
      Expression old = Expressions.lessThan("updated_date", cutoff.toString());
      pruned.addAll(partitions(stock, old));
      if (!pruned.isEmpty()) {
        stock.newDelete().deleteFromRowFilter(old).set(TableCommitter.RUN_ID, runId).set(TableCommitter.STEP, "prune")
            .commit();
      }
    }
    Map<String, Integer> expired = new LinkedHashMap<>();
    long versionCutoff = now.minus(Duration.ofDays(days)).toEpochMilli();
    List<TableSpec> tables = new ArrayList<>(StockTables.DATA);
    tables.add(StockTables.DEAD_LETTERS);
    for (TableSpec t : tables) {
      if (catalog.exists(t)) {
        expired.put(t.name(), TableOps.expire(catalog.table(t), versionCutoff));
      }
    }
    return new Pruned(pruned, expired);
  }

  private static List<String> partitions(Table table, Expression filter) {
    TreeSet<String> paths = new TreeSet<>();
    if (table.currentSnapshot() == null) {
      return List.of();
    }
    try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(filter).planFiles()) {
      tasks.forEach(t -> paths.add(io.tributary.core.write.PartitionPaths.of(table, t.file())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(paths);
  }
}
