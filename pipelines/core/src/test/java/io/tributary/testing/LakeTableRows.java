package io.tributary.testing;

import io.tributary.core.catalog.CatalogConfig;
import io.tributary.core.catalog.LakeCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * Reads a lake table through the embedded catalog with Iceberg's own generic reader (not the
 * project's), so tests check what another Iceberg engine would see: rows as sorted field maps,
 * values as strings.
 */
public final class LakeTableRows {
  private LakeTableRows() {}

  public static List<Map<String, String>> read(Path lake, String table) throws IOException {
    try (LakeCatalog catalog = LakeCatalog.open(CatalogConfig.embedded(lake.toString()))) {
      if (!catalog.names().contains(table)) {
        return List.of();
      }
      Table t = catalog.existing(table);
      List<Map<String, String>> rows = new ArrayList<>();
      try (CloseableIterable<Record> records = IcebergGenerics.read(t).build()) {
        for (Record r : records) {
          Map<String, String> row = new TreeMap<>();
          for (Types.NestedField f : t.schema().columns()) {
            Object v = r.getField(f.name());
            row.put(f.name(), v == null ? null : v.toString());
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  /** Dead letters of a {@code <pipeline>.dead_letters} table as JSON objects (values as text), like the old files. */
  public static List<com.fasterxml.jackson.databind.JsonNode> deadLetters(Path lake, String table) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
    for (Map<String, String> row : read(lake, table)) {
      out.add(json.valueToTree(row));
    }
    return out;
  }

  /** Data files under the table's folder that its current snapshot does not reference: left-overs. */
  public static List<String> unreferencedFiles(Path lake, String table) throws IOException {
    try (LakeCatalog catalog = LakeCatalog.open(CatalogConfig.embedded(lake.toString()))) {
      Table t = catalog.existing(table);
      java.util.Set<String> live = new java.util.HashSet<>();
      if (t.currentSnapshot() != null) {
        try (CloseableIterable<org.apache.iceberg.FileScanTask> tasks = t.newScan().planFiles()) {
          tasks.forEach(task -> live.add(java.nio.file.Path.of(java.net.URI.create(
              task.file().path().toString().startsWith("/") ? "file://" + task.file().path() : task.file().path().toString()))
              .toString()));
        }
      }
      Path data = Path.of(java.net.URI.create(t.location().startsWith("/") ? "file://" + t.location() : t.location()))
          .resolve("data");
      if (!java.nio.file.Files.exists(data)) {
        return List.of();
      }
      try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(data)) {
        return files.filter(java.nio.file.Files::isRegularFile).map(Path::toString)
            .filter(f -> f.endsWith(".parquet") && !live.contains(f)).sorted().collect(Collectors.toList());
      }
    }
  }

  /** The rows as sorted lines, for whole-table equality checks. */
  public static List<String> lines(Path lake, String table) throws IOException {
    return read(lake, table).stream().map(Map::toString).sorted().collect(Collectors.toList());
  }
}
