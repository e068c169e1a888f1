package io.tributary.core.table;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Beam schemas and rows to Iceberg schemas and records, and back: string, int32, int64, double,
 * boolean, DATETIME (as {@code timestamptz}, millisecond values), the DATE logical type, and
 * DECIMAL (as {@code decimal(38, 10)}: exact for every amount our pipelines compute; read back
 * without trailing zeros). Field ids follow the Beam field order from 1.
 */
public final class IcebergRows {
  private IcebergRows() {}

  /** Scale of the Iceberg decimal a Beam DECIMAL is stored as. */
  public static final int DECIMAL_SCALE = 10;

  public static org.apache.iceberg.Schema icebergSchema(Schema schema) {
    List<Types.NestedField> fields = new ArrayList<>();
    int id = 1;
    for (Schema.Field f : schema.getFields()) {
      Type type = type(f);
      fields.add(f.getType().getNullable() ? Types.NestedField.optional(id++, f.getName(), type)
          : Types.NestedField.required(id++, f.getName(), type));
    }
    return new org.apache.iceberg.Schema(fields);
  }

  private static Type type(Schema.Field f) {
    Schema.FieldType t = f.getType();
    if (isDate(t)) {
      return Types.DateType.get();
    }
    switch (t.getTypeName()) {
      case STRING:
        return Types.StringType.get();
      case INT32:
        return Types.IntegerType.get();
      case INT64:
        return Types.LongType.get();
      case DOUBLE:
        return Types.DoubleType.get();
      case BOOLEAN:
        return Types.BooleanType.get();
      case DATETIME:
        return Types.TimestampType.withZone();
      case DECIMAL:
        return Types.DecimalType.of(38, DECIMAL_SCALE);
      default:
        throw new IllegalArgumentException("column " + f.getName() + ": no Iceberg type for " + t);
    }
  }

  static boolean isDate(Schema.FieldType t) {
    return t.getTypeName() == Schema.TypeName.LOGICAL_TYPE
        && t.getLogicalType().getIdentifier().equals(SqlTypes.DATE.getIdentifier());
  }

  /** A Beam row as an Iceberg record of {@code schema} (the table's schema, fields by name). */
  public static Record record(Row row, org.apache.iceberg.Schema schema) {
    GenericRecord record = GenericRecord.create(schema);
    Schema beam = row.getSchema();
    for (Schema.Field f : beam.getFields()) {
      Object v = row.getValue(f.getName());
      if (v == null) {
        continue;
      }
      if (f.getType().getTypeName() == Schema.TypeName.DATETIME) {
        v = OffsetDateTime.ofInstant(Instant.ofEpochMilli(((org.joda.time.ReadableInstant) v).getMillis()), ZoneOffset.UTC);
      } else if (f.getType().getTypeName() == Schema.TypeName.DECIMAL) {
        v = ((BigDecimal) v).setScale(DECIMAL_SCALE, RoundingMode.UNNECESSARY);
      }
      record.setField(f.getName(), v);
    }
    return record;
  }

  /** An Iceberg record read back as a row of the Beam {@code schema} (fields by name). */
  public static Row row(Record record, Schema schema) {
    Row.Builder row = Row.withSchema(schema);
    for (Schema.Field f : schema.getFields()) {
      Object v = record.getField(f.getName());
      if (v == null) {
        row.addValue(null);
      } else if (v instanceof OffsetDateTime) {
        row.addValue(new org.joda.time.Instant(((OffsetDateTime) v).toInstant().toEpochMilli()));
      } else if (v instanceof BigDecimal) {
        BigDecimal d = ((BigDecimal) v).stripTrailingZeros();
        row.addValue(d.scale() < 0 ? d.setScale(0) : d);
      } else if (v instanceof LocalDate || !(v instanceof CharSequence)) {
        row.addValue(v);
      } else {
        row.addValue(v.toString());
      }
    }
    return row.build();
  }
}
