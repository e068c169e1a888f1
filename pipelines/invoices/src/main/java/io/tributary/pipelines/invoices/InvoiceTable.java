package io.tributary.pipelines.invoices;

import io.tributary.schemas.InvoiceSchemas;
import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.validation.DateRange;
import io.tributary.transforms.validation.Numbers;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * The four source tables: their columns, primary key and a strict parser from column values
 * (strings, in {@link #columns} order) to rows. CSV files, JDBC tables and CDC events all come
 * through {@link #parse}, so a value means the same whatever its source.
 */
public enum InvoiceTable {
  ACCOUNTS("accounts", InvoiceSchemas.ACCOUNT, "account_id"),
  INVOICES("invoices", InvoiceSchemas.INVOICE, "invoice_id"),
  LINE_ITEMS("invoice_line_items", InvoiceSchemas.LINE_ITEM, "invoice_id", "item_id"),
  SKUS("skus", InvoiceSchemas.SKU, "item_id");

  /** Seed's account joining dates: {@code 6/11/2018} is 6 November 2018. */
  static final DateTimeFormatter DAY_MONTH_YEAR =
      DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT);
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  /**
   * Where values come from, which fixes each date column's one format. FILE: the seed's CSV
   * contract, {@code joining_date} as {@code d/M/yyyy} and {@code date_issued} as {@code yyyy-MM-dd}.
   * TYPED: a database DATE column (JDBC) or a Debezium date, rendered by us as {@code yyyy-MM-dd}.
   */
  public enum Values {
    FILE, TYPED
  }

  public final String table;
  public final Schema schema;
  public final List<String> primaryKey;

  InvoiceTable(String table, Schema schema, String... primaryKey) {
    this.table = table;
    this.schema = schema;
    this.primaryKey = List.of(primaryKey);
  }

  public List<String> columns() {
    return schema.getFieldNames();
  }

  public static InvoiceTable named(String table) {
    for (InvoiceTable t : values()) {
      if (t.table.equals(table)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown invoices table '" + table + "'");
  }

  /** The primary key of a row of this table, as one string (parts joined by '|'). */
  public String key(Row row) {
    StringBuilder key = new StringBuilder();
    for (String column : primaryKey) {
      if (key.length() > 0) {
        key.append('|');
      }
      key.append((Object) row.getValue(column));
    }
    return key.toString();
  }

  /**
   * The primary key from its column values as text (a delete's key-only image, a message key),
   * written as {@link #key(Row)} writes it.
   */
  public String key(List<String> keyValues) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < primaryKey.size(); i++) {
      String column = primaryKey.get(i);
      String text = keyValues.get(i).trim();
      if (key.length() > 0) {
        key.append('|');
      }
      if (schema.getField(column).getType().getTypeName() == Schema.TypeName.INT64) {
        try {
          text = Long.toString(Numbers.whole(text));
        } catch (NumberFormatException e) {
          throw new RowRejected("bad " + column + " '" + text + "' in the key: expected a whole number");
        }
      }
      key.append(text);
    }
    return key.toString();
  }

  /** A row from the values of a CSV record of the seed's format, dates in the default range. */
  public Row parse(List<String> values) {
    return parse(values, Values.FILE, DateRange.DEFAULT);
  }

  /** A row from its column values (null or blank = missing); rejects what does not fit the schema. */
  public Row parse(List<String> values, Values from, DateRange dates) {
    if (values.size() != schema.getFieldCount()) {
      throw new RowRejected("expected " + schema.getFieldCount() + " columns (" + String.join(",", columns())
          + "), got " + values.size());
    }
    Row.Builder row = Row.withSchema(schema);
    for (int i = 0; i < values.size(); i++) {
      row.addValue(value(schema.getField(i), values.get(i), from, dates));
    }
    Row parsed = row.build();
    check(parsed);
    return parsed;
  }

  private void check(Row row) {
    if (this == LINE_ITEMS && row.getInt64("quantity") < 0) {
      throw new RowRejected("negative quantity " + row.getInt64("quantity"));
    }
    if (this == SKUS && (row.getDouble("item_retail_price") < 0 || row.getDouble("item_cost_price") < 0)) {
      throw new RowRejected("negative price");
    }
  }

  private Object value(Schema.Field field, String raw, Values from, DateRange dates) {
    String text = raw == null ? "" : raw.trim();
    if (text.isEmpty()) {
      if (field.getType().getNullable()) {
        return null;
      }
      throw new RowRejected("missing " + field.getName());
    }
    Schema.FieldType type = field.getType();
    try {
      if (type.getTypeName() == Schema.TypeName.LOGICAL_TYPE) {
        return dates.check(field.getName(), date(field.getName(), text, from));
      }
      switch (type.getTypeName()) {
        case INT64:
          return Numbers.whole(text);
        case DOUBLE:
          return Numbers.decimal(text);
        case STRING:
          return text;
        default:
          throw new IllegalStateException("no parser for " + type);
      }
    } catch (NumberFormatException e) {
      throw new RowRejected("bad " + field.getName() + " '" + text + "': expected a "
          + (type.getTypeName() == Schema.TypeName.INT64 ? "whole number" : "number"));
    }
  }

  /** A date in the one format its column has for {@code from} (see {@link Values}). */
  public static LocalDate date(String column, String text, Values from) {
    boolean dayMonthYear = from == Values.FILE && column.equals("joining_date");
    try {
      return LocalDate.parse(text, dayMonthYear ? DAY_MONTH_YEAR : ISO);
    } catch (DateTimeParseException e) {
      throw new RowRejected("bad " + column + " '" + text + "': expected " + (dayMonthYear ? "d/M/yyyy" : "yyyy-MM-dd"));
    }
  }
}
