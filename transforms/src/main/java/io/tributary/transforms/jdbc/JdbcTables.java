package io.tributary.transforms.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.stream.Collectors;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.ReadableInstant;

/**
 * Portable DDL and DML from a Beam schema, in the SQL subset H2, MariaDB/MySQL and PostgreSQL share.
 * Table and column names are the project's own (never a user's text) and are checked by
 * {@link SqlIdentifiers} before they are written, unquoted in lower case, which all three accept.
 */
public final class JdbcTables {
  private JdbcTables() {}

  static String sqlType(Schema.Field field) {
    if (field.getOptions().hasOption(io.tributary.schemas.SqlColumns.SQL_TYPE_OPTION)) {
      return field.getOptions().getValue(io.tributary.schemas.SqlColumns.SQL_TYPE_OPTION);
    }
    return sqlType(field.getType());
  }

  public static String sqlType(Schema.FieldType type) {
    if (type.getTypeName() == Schema.TypeName.LOGICAL_TYPE
        && type.getLogicalType().getIdentifier().equals(org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.DATE.getIdentifier())) {
      return "DATE";
    }
    switch (type.getTypeName()) {
      case DECIMAL:
        return "DECIMAL(20, 4)";
      case STRING:
        return "VARCHAR(255)";
      case INT64:
        return "BIGINT";
      case INT32:
        return "INTEGER";
      case DOUBLE:
        return "DOUBLE PRECISION";
      case BOOLEAN:
        return "BOOLEAN";
      case DATETIME:
        return "TIMESTAMP";
      default:
        throw new IllegalArgumentException("no portable SQL type for " + type);
    }
  }

  public static String createTable(String table, Schema schema) {
    return "CREATE TABLE IF NOT EXISTS " + SqlIdentifiers.table(table) + " ("
        + schema.getFields().stream()
            .map(f -> SqlIdentifiers.column(f.getName()) + " " + sqlType(f)
                + (f.getType().getNullable() ? "" : " NOT NULL"))
            .collect(Collectors.joining(", "))
        + ")";
  }

  public static String insert(String table, Schema schema) {
    schema.getFieldNames().forEach(SqlIdentifiers::column);
    return "INSERT INTO " + SqlIdentifiers.table(table) + " (" + String.join(", ", schema.getFieldNames()) + ") VALUES ("
        + schema.getFields().stream().map(f -> "?").collect(Collectors.joining(", ")) + ")";
  }

  /** True when {@code table} exists (looked up through metadata, see {@link SqlIdentifiers#resolve}). */
  public static boolean exists(Connection connection, String table) throws SQLException {
    try {
      SqlIdentifiers.resolve(connection, table);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Replaces the whole content of {@code table} with {@code rows} in one transaction. */
  public static void replace(Connection connection, String table, Schema schema, Iterable<Row> rows)
      throws SQLException {
    replace(connection, table, schema, null, null, rows);
  }

  /**
   * Replaces the rows whose {@code column} equals {@code value} (all rows when {@code column} is
   * null) with {@code rows}, in one transaction: one as-of day of a snapshot table, say.
   */
  public static void replace(Connection connection, String table, Schema schema, String column, Object value,
      Iterable<Row> rows) throws SQLException {
    inTransaction(connection, table, schema, () -> {
      try (PreparedStatement delete = connection.prepareStatement(
              "DELETE FROM " + SqlIdentifiers.table(table)
                  + (column == null ? "" : " WHERE " + SqlIdentifiers.column(column) + " = ?"));
          PreparedStatement insert = connection.prepareStatement(insert(table, schema))) {
        if (column != null) {
          delete.setObject(1, value);
        }
        delete.executeUpdate();
        int pending = 0;
        for (Row row : rows) {
          bind(insert, schema, row);
          insert.addBatch();
          if (++pending == 1000) {
            insert.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          insert.executeBatch();
        }
      }
    });
  }

  /**
   * Upserts by one key column, portably (delete then insert, in one transaction): {@code rows}
   * replace the rows with their keys, and rows with {@code deletedKeys} are removed.
   */
  public static void upsert(Connection connection, String table, Schema schema, String keyColumn,
      Iterable<Row> rows, Iterable<?> deletedKeys) throws SQLException {
    inTransaction(connection, table, schema, () -> {
      try (PreparedStatement delete = connection.prepareStatement(
              "DELETE FROM " + SqlIdentifiers.table(table) + " WHERE " + SqlIdentifiers.column(keyColumn) + " = ?");
          PreparedStatement insert = connection.prepareStatement(insert(table, schema))) {
        for (Object key : deletedKeys) {
          delete.setObject(1, key);
          delete.addBatch();
        }
        for (Row row : rows) {
          delete.setObject(1, row.getValue(keyColumn));
          delete.addBatch();
          bind(insert, schema, row);
          insert.addBatch();
        }
        delete.executeBatch();
        insert.executeBatch();
      }
    });
  }

  /** SQL work that needs no result. */
  @FunctionalInterface
  private interface SqlWork {
    void run() throws SQLException;
  }

  /** Creates the table when missing, then runs {@code work} in one transaction, rolled back on any error. */
  private static void inTransaction(Connection connection, String table, Schema schema, SqlWork work)
      throws SQLException {
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(createTable(table, schema));
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      work.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  public static void bind(PreparedStatement statement, Schema schema, Row row) throws SQLException {
    for (int i = 0; i < schema.getFieldCount(); i++) {
      Schema.FieldType type = schema.getField(i).getType();
      Object value = row.getValue(i);
      if (value == null) {
        statement.setNull(i + 1, sqlTypeCode(type));
      } else if (value instanceof ReadableInstant) {
        statement.setTimestamp(i + 1, new Timestamp(((ReadableInstant) value).getMillis()),
            java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")));
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }

  private static int sqlTypeCode(Schema.FieldType type) {
    if (type.getTypeName() == Schema.TypeName.LOGICAL_TYPE) {
      return Types.DATE;
    }
    switch (type.getTypeName()) {
      case DECIMAL:
        return Types.DECIMAL;
      case STRING:
        return Types.VARCHAR;
      case INT64:
        return Types.BIGINT;
      case INT32:
        return Types.INTEGER;
      case DOUBLE:
        return Types.DOUBLE;
      case BOOLEAN:
        return Types.BOOLEAN;
      case DATETIME:
        return Types.TIMESTAMP;
      default:
        return Types.OTHER;
    }
  }
}
