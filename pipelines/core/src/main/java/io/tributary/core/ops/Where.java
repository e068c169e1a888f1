package io.tributary.core.ops;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * The {@code --where} of `tributary table export`: conditions {@code column OP value} joined by
 * {@code and}, OP one of {@code = != < <= > >=}, the value read as the column's type (text may be
 * quoted with '...'; dates {@code yyyy-MM-dd}; timestamps ISO-8601). An unknown column or a value
 * of the wrong type is an error naming it, never a filter that silently matches nothing.
 */
public final class Where {
  private Where() {}

  private static final Pattern CONDITION =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(<=|>=|!=|=|<|>)\\s*('(?:[^']|'')*'|[^\\s']+)\\s*");

  public static Expression parse(Schema schema, String text) {
    if (text == null || text.isBlank()) {
      return Expressions.alwaysTrue();
    }
    Expression all = Expressions.alwaysTrue();
    for (String part : text.split("(?i)\\s+and\\s+")) {
      Matcher m = CONDITION.matcher(part);
      if (!m.matches()) {
        throw new IllegalArgumentException("cannot read the condition '" + part.trim()
            + "': write column OP value (OP one of = != < <= > >=), joined by 'and'");
      }
      Types.NestedField field = schema.findField(m.group(1));
      if (field == null) {
        throw new IllegalArgumentException("no column " + m.group(1) + " (columns: " + schema.columns().stream()
            .map(Types.NestedField::name).reduce((a, b) -> a + ", " + b).orElse("") + ")");
      }
      Object value = value(field, m.group(3));
      all = Expressions.and(all, condition(field.name(), m.group(2), value));
    }
    return all;
  }

  private static Expression condition(String column, String op, Object value) {
    switch (op) {
      case "=":
        return Expressions.equal(column, value);
      case "!=":
        return Expressions.notEqual(column, value);
      case "<":
        return Expressions.lessThan(column, value);
      case "<=":
        return Expressions.lessThanOrEqual(column, value);
      case ">":
        return Expressions.greaterThan(column, value);
      default:
        return Expressions.greaterThanOrEqual(column, value);
    }
  }

  private static Object value(Types.NestedField field, String raw) {
    String text = raw.startsWith("'") ? raw.substring(1, raw.length() - 1).replace("''", "'") : raw;
    Type.TypeID type = field.type().typeId();
    try {
      switch (type) {
        case STRING:
          return text;
        case INTEGER:
          return Integer.parseInt(text);
        case LONG:
          return Long.parseLong(text);
        case DOUBLE:
          return Double.parseDouble(text);
        case BOOLEAN:
          if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException();
          }
          return Boolean.parseBoolean(text);
        case DATE:
          return (int) LocalDate.parse(text).toEpochDay();
        case TIMESTAMP:
          return OffsetDateTime.parse(text).toInstant().toEpochMilli() * 1000;
        default:
          return text;
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + text + "' is not a value of " + field.name() + " (" + field.type() + ")");
    }
  }
}
