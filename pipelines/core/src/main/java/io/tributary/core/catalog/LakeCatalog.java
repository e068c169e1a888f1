package io.tributary.core.catalog;

import io.tributary.core.table.TableSpec;
import io.tributary.transforms.secrets.Redact;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * The open catalog, on the driver only (a catalog and its JDBC client are not serializable):
 * tables are created on first use from their {@link TableSpec}, and loaded fresh for every commit.
 */
public final class LakeCatalog implements Closeable {
  private final CatalogConfig config;
  private final Catalog catalog;
  /** The JDBC catalog's own FileIO, which its close() leaves open (S3FileIO then warns "Unclosed"). */
  private final org.apache.iceberg.io.FileIO io;

  private LakeCatalog(CatalogConfig config, Catalog catalog, org.apache.iceberg.io.FileIO io) {
    this.config = config;
    this.catalog = catalog;
    this.io = io;
  }

  public static LakeCatalog open(CatalogConfig config) {
    Catalog catalog;
    org.apache.iceberg.io.FileIO[] io = new org.apache.iceberg.io.FileIO[1];
    try {
      if (config.properties().containsKey("catalog-impl")) {
        catalog = CatalogUtil.loadCatalog(config.properties().get("catalog-impl"), CatalogConfig.NAME,
            config.properties(), new Configuration());
      } else {
        // Without a Hadoop conf the default HadoopFileIO fails on first use (NPE on hadoopConf). The
        // FileIO is made here (as the catalog would) so that close() can close it.
        Configuration conf = new Configuration();
        JdbcCatalog jdbc = new JdbcCatalog(properties -> io[0] = CatalogUtil.loadFileIO(
            properties.getOrDefault(org.apache.iceberg.CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.hadoop.HadoopFileIO"),
            properties, conf), null, true);
        jdbc.setConf(conf);
        jdbc.initialize(CatalogConfig.NAME, config.properties());
        catalog = jdbc;
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot open the Iceberg catalog " + config + ": "
          + Redact.text(String.valueOf(e.getMessage())), e);
    }
    return new LakeCatalog(config, catalog, io[0]);
  }

  public CatalogConfig config() {
    return config;
  }

  /** The table of {@code spec}, created (with its namespace) when it does not exist yet. */
  public Table table(TableSpec spec) {
    TableIdentifier id = spec.identifier();
    try {
      return evolved(catalog.loadTable(id), spec);
    } catch (NoSuchTableException missing) {
      createNamespace(id.namespace());
      try {
        PartitionSpec partitioning = spec.partitionSpec();
        return catalog.createTable(id, spec.icebergSchema(), partitioning,
            java.util.Map.of("format-version", "2", "write.parquet.compression-codec", "snappy"));
      } catch (AlreadyExistsException raced) {
        return catalog.loadTable(id); // another process created it first
      }
    }
  }

  /**
   * A table created by an older release lacks the columns its spec has gained since (nullable ones
   * only: the dead letters' run id and day): they are added, so old rows read them as null.
   */
  private static Table evolved(Table table, TableSpec spec) {
    org.apache.iceberg.Schema wanted = spec.icebergSchema();
    boolean missing = false;
    for (org.apache.iceberg.types.Types.NestedField f : wanted.columns()) {
      missing |= table.schema().findField(f.name()) == null;
    }
    if (missing) {
      table.updateSchema().unionByNameWith(wanted).commit();
      table.refresh();
    }
    return table;
  }

  /**
   * Registers {@code other}'s current version (a table of another catalog) as {@code spec}'s table
   * here: both catalogs then share its files (benchmarks reuse a large loaded table this way).
   */
  public Table register(TableSpec spec, Table other) {
    createNamespace(spec.identifier().namespace());
    String metadata = ((org.apache.iceberg.HasTableOperations) other).operations().current().metadataFileLocation();
    return catalog.registerTable(spec.identifier(), metadata);
  }

  /** The existing table {@code name} ({@code namespace.table}); a clear error naming the known ones when missing. */
  public Table existing(String name) {
    TableIdentifier id = TableIdentifier.parse(name);
    try {
      return catalog.loadTable(id);
    } catch (NoSuchTableException e) {
      throw new IllegalArgumentException("no table " + name + " in the catalog " + config + " (tables: "
          + String.join(", ", names()) + ")");
    }
  }

  public boolean exists(TableSpec spec) {
    return catalog.tableExists(spec.identifier());
  }

  /** Every table, as {@code namespace.table}. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    if (catalog instanceof SupportsNamespaces) {
      for (Namespace ns : ((SupportsNamespaces) catalog).listNamespaces()) {
        for (TableIdentifier t : catalog.listTables(ns)) {
          names.add(t.toString());
        }
      }
    }
    names.sort(null);
    return names;
  }

  private void createNamespace(Namespace namespace) {
    if (catalog instanceof SupportsNamespaces) {
      SupportsNamespaces ns = (SupportsNamespaces) catalog;
      if (!ns.namespaceExists(namespace)) {
        try {
          ns.createNamespace(namespace);
        } catch (AlreadyExistsException raced) {
          // created meanwhile by another process
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (catalog instanceof Closeable) {
      ((Closeable) catalog).close();
    }
    if (io != null) {
      io.close();
    }
  }
}
