package io.tributary.transforms.jdbc;

import io.tributary.transforms.cdc.Change;
import io.tributary.transforms.cdc.ChangeRows;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * Applies a stream of changes to a JDBC table keyed by one column: upserts and deletes, one
 * transaction per bundle, the last change of a key within a bundle winning. Idempotent: replaying
 * changes after a restart rewrites the same rows, so the table converges on the current state.
 */
public final class UpsertJdbcRows extends PTransform<PCollection<Change>, PCollection<Void>> {
  private final String url;
  private final String table;
  private final Schema schema;
  private final String keyColumn;

  private UpsertJdbcRows(String url, String table, Schema schema, String keyColumn) {
    this.url = url;
    this.table = table;
    this.schema = schema;
    this.keyColumn = keyColumn;
  }

  public static UpsertJdbcRows into(String url, String table, Schema schema, String keyColumn) {
    return new UpsertJdbcRows(url, table, schema, keyColumn);
  }

  @Override
  public PCollection<Void> expand(PCollection<Change> changes) {
    return changes.apply("Upsert " + table, ParDo.of(new UpsertFn(url, table, schema, keyColumn)));
  }

  private static final class UpsertFn extends DoFn<Change, Void> {
    private final String url;
    private final String table;
    private final Schema schema;
    private final String keyColumn;
    private transient Connection connection;
    private transient Map<String, Change> pending;

    UpsertFn(String url, String table, Schema schema, String keyColumn) {
      this.url = url;
      this.table = table;
      this.schema = schema;
      this.keyColumn = keyColumn;
    }

    @Setup
    public void setup() throws Exception {
      connection = JdbcUrls.connect(url);
    }

    @StartBundle
    public void start() {
      pending = new LinkedHashMap<>();
    }

    @ProcessElement
    public void process(@Element Change change) {
      pending.remove(change.key);
      pending.put(change.key, change);
    }

    @FinishBundle
    public void finish() throws Exception {
      if (pending.isEmpty()) {
        return;
      }
      List<Row> rows = new ArrayList<>();
      List<Object> deleted = new ArrayList<>();
      Schema.FieldType keyType = schema.getField(keyColumn).getType();
      for (Change c : pending.values()) {
        Row row = ChangeRows.decode(c, schema);
        if (row == null) {
          deleted.add(keyType.getTypeName() == Schema.TypeName.INT64 ? (Object) Long.valueOf(c.key) : c.key);
        } else {
          rows.add(row);
        }
      }
      JdbcTables.upsert(connection, table, schema, keyColumn, rows, deleted);
      pending.clear();
    }

    @Teardown
    public void teardown() throws Exception {
      if (connection != null) {
        connection.close();
      }
    }
  }
}
