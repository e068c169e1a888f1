package io.tributary.core.write;

import io.tributary.core.table.IcebergRows;
import java.io.Serializable;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;

/**
 * The table partition a Beam row falls in, as Iceberg's partition path ({@code ebay_store=AUTO/supplier=BET},
 * {@code ""} when unpartitioned): computed exactly as the writer partitions the row, so a path here
 * and a data file's {@code spec.partitionToPath(file.partition())} compare equal. One per worker
 * thread (it reuses its key).
 */
public final class PartitionPaths implements Serializable {
  private final Table table;
  private transient PartitionKey key;
  private transient InternalRecordWrapper wrapper;

  /** {@code table} must be serializable ({@code SerializableTable.copyOf}). */
  public PartitionPaths(Table table) {
    this.table = table;
  }

  public String of(Row row) {
    return table.spec().isUnpartitioned() ? "" : of(IcebergRows.record(row, table.schema()));
  }

  /** The partition of an Iceberg record of the table (an export reads these). */
  public String of(Record record) {
    if (table.spec().isUnpartitioned()) {
      return "";
    }
    if (key == null) {
      key = new PartitionKey(table.spec(), table.schema());
      wrapper = new InternalRecordWrapper(table.schema().asStruct());
    }
    key.partition(wrapper.wrap(record));
    return table.spec().partitionToPath(key);
  }

  /** The partition path of one of {@code table}'s data files, by the spec it was written with. */
  public static String of(Table table, org.apache.iceberg.ContentFile<?> file) {
    return table.specs().get(file.specId()).partitionToPath(file.partition());
  }
}
