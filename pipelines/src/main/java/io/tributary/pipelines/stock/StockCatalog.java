package io.tributary.pipelines.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.transforms.lake.LakeFiles;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * What the seed's add_partition Lambda did for Glue: each published supplier_stock day holds a
 * {@code _SUCCESS} marker (rows, run), and {@code supplier_stock/_partitions.json} lists every
 * partition with its location, rebuilt from the markers after each feed, prune or rollback, so a
 * catalog (or a person) can read the table's partitions without listing the bucket. Hive and Athena
 * skip files starting with {@code _}. The {@code ALTER TABLE} statements register partitions where
 * a catalog is not fed from the manifest.
 */
public final class StockCatalog {
  public static final String SUCCESS = "_SUCCESS";
  public static final String MANIFEST = "_partitions.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A file in a supplier_stock day folder: supplier, year, month, day. */
  private static final Pattern DAY_FILE = Pattern.compile(
      ".*/supplier_stock/supplier=([^/]+)/year=(\\d{4})/month=(\\d{2})/day=(\\d{2})/[^/]+$");

  private final StockLake lake;
  /** The lake as a catalog needs it: an absolute {@code file://} URI for a local lake. */
  private final String location;

  public StockCatalog(StockLake lake) {
    this.lake = lake;
    this.location = LakeFiles.isLocal(lake.root)
        ? "file://" + java.nio.file.Paths.get(LakeFiles.strip(lake.root)).toAbsolutePath().normalize()
        : lake.root;
  }

  /** The {@code _SUCCESS} marker of a partition folder about to be published. */
  public static void markSuccess(String partitionDir, long rows, String runId) {
    ObjectNode node = JSON.createObjectNode();
    node.put("rows", rows);
    node.put("run_id", runId);
    node.put("written_at", Instant.now().toString());
    LakeFiles.write(partitionDir + "/" + SUCCESS, node.toPrettyString());
  }

  /** One supplier_stock partition as the manifest lists it. */
  public static final class Partition {
    public final String supplier;
    public final String year;
    public final String month;
    public final String day;
    public final long rows;
    public final String runId;

    Partition(String supplier, String year, String month, String day, long rows, String runId) {
      this.supplier = supplier;
      this.year = year;
      this.month = month;
      this.day = day;
      this.rows = rows;
      this.runId = runId;
    }

    public String path() {
      return "supplier=" + supplier + "/year=" + year + "/month=" + month + "/day=" + day;
    }

    public java.time.LocalDate date() {
      return java.time.LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
    }
  }

  /** The published partitions, from their markers, sorted by supplier then day. */
  public List<Partition> partitions() {
    List<Partition> out = new ArrayList<>();
    for (ResourceId marker : LakeFiles.match(lake.root + "/supplier_stock/*/*/*/*/" + SUCCESS)) {
      Partition day = dayOf(marker.toString());
      if (day == null) {
        continue;
      }
      long rows = -1;
      String runId = "";
      try {
        JsonNode node = JSON.readTree(LakeFiles.read(marker.toString()));
        rows = node.path("rows").asLong(-1);
        runId = node.path("run_id").asText("");
      } catch (IOException | RuntimeException unreadable) {
        // an empty marker (written by another tool) still marks a complete partition
      }
      out.add(new Partition(day.supplier, day.year, day.month, day.day, rows, runId));
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return out;
  }

  /** The day partition a file of supplier_stock lies in (rows unknown), or null for any other path. */
  static Partition dayOf(String file) {
    Matcher m = DAY_FILE.matcher(file);
    return m.matches() ? new Partition(m.group(1), m.group(2), m.group(3), m.group(4), -1, "") : null;
  }

  /** Rewrites {@code supplier_stock/_partitions.json}; returns how many partitions it lists. */
  public int refreshManifest() {
    List<Partition> partitions = partitions();
    ObjectNode root = JSON.createObjectNode();
    root.put("table", StockLake.SUPPLIER_STOCK);
    root.put("location", location + "/supplier_stock/");
    ArrayNode keys = root.putArray("partition_keys");
    for (String k : new String[] {"supplier", "year", "month", "day"}) {
      keys.add(k);
    }
    root.put("updated_at", Instant.now().toString());
    ArrayNode list = root.putArray("partitions");
    for (Partition p : partitions) {
      ObjectNode n = list.addObject();
      n.put("supplier", p.supplier);
      n.put("year", p.year);
      n.put("month", p.month);
      n.put("day", p.day);
      n.put("location", location + "/supplier_stock/" + p.path() + "/");
      n.put("rows", p.rows);
      n.put("run_id", p.runId);
    }
    LakeFiles.write(lake.root + "/supplier_stock/" + MANIFEST, root.toPrettyString());
    return partitions.size();
  }

  /** The seed's add_partition, as Hive/Athena DDL. */
  public String addPartition(String supplier, java.time.LocalDate day) {
    return String.format("ALTER TABLE supplier_stock ADD IF NOT EXISTS PARTITION (%s) LOCATION '%s/supplier_stock/%s/';",
        spec(supplier, day), location, StockLake.stockPartition(supplier, day));
  }

  public String dropPartition(String supplier, java.time.LocalDate day) {
    return String.format("ALTER TABLE supplier_stock DROP IF EXISTS PARTITION (%s);", spec(supplier, day));
  }

  private static String spec(String supplier, java.time.LocalDate day) {
    return String.format("supplier='%s', year='%04d', month='%02d', day='%02d'", supplier.replace("'", "''"),
        day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }
}
