package io.tributary.schemas;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/** Schema field options that JDBC sinks read: for columns whose default SQL type does not fit. */
public final class SqlColumns {
  private SqlColumns() {}

  /** Option holding the SQL type of a column, e.g. {@code VARCHAR(10000)}. */
  public static final String SQL_TYPE_OPTION = "jdbc_type";

  /** A string field stored as {@code VARCHAR(length)} instead of the default VARCHAR(255). */
  public static Schema.Field longText(String name, int length, boolean nullable) {
    return Schema.Field.of(name, nullable ? FieldType.STRING.withNullable(true) : FieldType.STRING)
        .withOptions(Schema.Options.builder()
            .setOption(SQL_TYPE_OPTION, FieldType.STRING, "VARCHAR(" + length + ")").build());
  }
}
