package io.tributary.core.table;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * A lake table as the code declares it: {@code namespace.table}, its Beam schema (the Iceberg
 * schema follows from it, see {@link IcebergRows}) and its partitioning: identity columns and
 * days of timestamp or date columns, in order.
 */
public final class TableSpec implements Serializable {
  private final String name;
  private final Schema schema;
  private final List<String> partitioning;
  private final int shards;

  private TableSpec(String name, Schema schema, List<String> partitioning) {
    this(name, schema, partitioning, 1);
  }

  private TableSpec(String name, Schema schema, List<String> partitioning, int shards) {
    if (!name.matches("[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("a table name is namespace.table in lower case, got '" + name + "'");
    }
    this.name = name;
    this.schema = schema;
    this.partitioning = List.copyOf(partitioning);
    if (shards < 1) {
      throw new IllegalArgumentException(name + ": shards per partition must be at least 1, got " + shards);
    }
    this.shards = shards;
  }

  public static TableSpec of(String name, Schema schema) {
    return new TableSpec(name, schema, List.of());
  }

  /** Partitioned also by {@code column} as it is. */
  public TableSpec identity(String column) {
    return with("identity:" + column);
  }

  /** Partitioned also by the day of the timestamp or date {@code column}. */
  public TableSpec day(String column) {
    return with("day:" + column);
  }

  private TableSpec with(String field) {
    String column = field.substring(field.indexOf(':') + 1);
    if (!schema.hasField(column)) {
      throw new IllegalArgumentException(name + " has no column " + column + " to partition by");
    }
    List<String> p = new ArrayList<>(partitioning);
    p.add(field);
    return new TableSpec(name, schema, p, shards);
  }

  /**
   * Each partition's rows written by {@code n} tasks (n files or more) instead of one: for tables whose
   * partitions hold millions of rows (the store: 3 partitions of a 19M-row load), so that no task
   * gathers a whole partition. Few, large partitions want several; many small ones (a day per
   * region) want one.
   */
  public TableSpec shards(int n) {
    return new TableSpec(name, schema, partitioning, n);
  }

  public int shards() {
    return shards;
  }

  public String name() {
    return name;
  }

  public Schema schema() {
    return schema;
  }

  public TableIdentifier identifier() {
    return TableIdentifier.parse(name);
  }

  public org.apache.iceberg.Schema icebergSchema() {
    return IcebergRows.icebergSchema(schema);
  }

  public PartitionSpec partitionSpec() {
    PartitionSpec.Builder b = PartitionSpec.builderFor(icebergSchema());
    for (String field : partitioning) {
      String column = field.substring(field.indexOf(':') + 1);
      if (field.startsWith("identity:")) {
        b.identity(column);
      } else {
        b.day(column);
      }
    }
    return b.build();
  }

  @Override
  public String toString() {
    return name;
  }
}
