package io.tributary.transforms.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.transforms.deadletter.RowRejected;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Debezium change event ({@code {"before", "after", "op", "ts_ms", "source": {"ts_ms"}}}, bare or
 * inside the JSON converter's {@code {"schema", "payload"}} wrapper). {@code op} is c (create),
 * u (update), d (delete) or r (snapshot read, applied as an insert); a delete carries the row, or
 * only its key (PostgreSQL's default replica identity), in {@code before}, or nothing (then the
 * message key says which row).
 *
 * <p>Values are read by the envelope's schema when it has one: dates as {@code io.debezium.time.Date}
 * (days), {@code Timestamp} (millis), {@code MicroTimestamp}, {@code NanoTimestamp},
 * {@code ZonedTimestamp} or Kafka Connect's {@code Date}/{@code Timestamp}; decimals as Kafka
 * Connect's {@code Decimal} (base64 big-endian bytes, scale in the schema, Debezium's default
 * "precise" mode) or {@code VariableScaleDecimal}. Without a schema a date column's integer is a
 * day number (Debezium's default). Anything that cannot be read is a {@link RowRejected}, never
 * another exception: one bad event must not stop a stream.
 */
public final class DebeziumEnvelope {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final String op;
  public final JsonNode before;
  public final JsonNode after;
  /** source.ts_ms: when the change happened in the database (falls back to the envelope's ts_ms); 0 when neither. */
  public final long tsMs;
  /** Semantic types of the row's columns by name, from the schema wrapper (empty without one). */
  private final Map<String, JsonNode> columnSchemas;

  private DebeziumEnvelope(String op, JsonNode before, JsonNode after, long tsMs, Map<String, JsonNode> columnSchemas) {
    this.op = op;
    this.before = before;
    this.after = after;
    this.tsMs = tsMs;
    this.columnSchemas = columnSchemas;
  }

  public static DebeziumEnvelope parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (Exception e) {
      throw new RowRejected("not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new RowRejected("not a JSON object");
    }
    boolean wrapped = root.has("payload") && root.get("payload").isObject();
    JsonNode event = wrapped ? root.get("payload") : root;
    String op = event.path("op").asText("");
    if (!Set.of("c", "u", "d", "r").contains(op)) {
      throw new RowRejected("op must be c, u, d or r, got '" + op + "'");
    }
    JsonNode before = nullable(event.get("before"));
    JsonNode after = nullable(event.get("after"));
    if (!op.equals("d") && after == null) {
      throw new RowRejected("op '" + op + "' without after");
    }
    JsonNode sourceTs = event.path("source").path("ts_ms");
    long ts = sourceTs.isIntegralNumber() ? sourceTs.asLong()
        : event.path("ts_ms").isIntegralNumber() ? event.path("ts_ms").asLong() : 0;
    return new DebeziumEnvelope(op, before, after, ts, wrapped ? columnSchemas(root.get("schema")) : Map.of());
  }

  /** The field schemas of the {@code after} (else {@code before}) struct, by column name. */
  private static Map<String, JsonNode> columnSchemas(JsonNode schema) {
    Map<String, JsonNode> columns = new HashMap<>();
    if (schema == null) {
      return columns;
    }
    for (JsonNode part : schema.path("fields")) {
      String name = part.path("field").asText();
      if (name.equals("after") || name.equals("before") && columns.isEmpty()) {
        for (JsonNode column : part.path("fields")) {
          columns.put(column.path("field").asText(), column);
        }
      }
    }
    return columns;
  }

  public boolean isDelete() {
    return op.equals("d");
  }

  /**
   * Column values of a row image, as strings in {@code columns} order: dates as ISO
   * {@code yyyy-MM-dd}, decimals as plain numbers. Columns in {@code dateColumns} are dates.
   */
  public List<String> values(JsonNode image, List<String> columns, Set<String> dateColumns) {
    List<String> values = new ArrayList<>(columns.size());
    for (String column : columns) {
      JsonNode v = image.get(column);
      if (v == null || v.isNull()) {
        values.add(null);
        continue;
      }
      JsonNode schema = columnSchemas.get(column);
      String type = schema == null ? "" : schema.path("name").asText("");
      try {
        if (dateColumns.contains(column)) {
          values.add(date(type, v).toString());
        } else if (type.equals("org.apache.kafka.connect.data.Decimal")) {
          values.add(decimal(v.asText(), schema.path("parameters").path("scale").asInt(0)).toPlainString());
        } else if (type.equals("io.debezium.data.VariableScaleDecimal")) {
          values.add(decimal(v.path("value").asText(), v.path("scale").asInt(0)).toPlainString());
        } else if (v.isContainerNode()) {
          throw new RowRejected(column + " is a JSON " + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)
              + ", expected a value");
        } else {
          values.add(v.asText());
        }
      } catch (java.time.DateTimeException | ArithmeticException | IllegalArgumentException e) {
        throw new RowRejected("bad " + column + " " + v + (type.isEmpty() ? "" : " (" + type + ")") + ": "
            + e.getMessage());
      }
    }
    return values;
  }

  /** A date column's value by its Debezium/Connect type; a bare integer is a day number. */
  static LocalDate date(String type, JsonNode v) {
    switch (type) {
      case "io.debezium.time.Timestamp":
      case "org.apache.kafka.connect.data.Timestamp":
        return utcDate(Instant.ofEpochMilli(v.asLong()));
      case "io.debezium.time.MicroTimestamp":
        return utcDate(Instant.EPOCH.plus(v.asLong(), ChronoUnit.MICROS));
      case "io.debezium.time.NanoTimestamp":
        return utcDate(Instant.EPOCH.plusNanos(v.asLong()));
      case "io.debezium.time.ZonedTimestamp":
        return java.time.OffsetDateTime.parse(v.asText()).toLocalDate();
      default:
        if (v.isIntegralNumber()) {
          return LocalDate.ofEpochDay(v.asLong());
        }
        if (v.isTextual()) {
          return LocalDate.parse(v.asText());
        }
        throw new IllegalArgumentException("expected a day number or yyyy-MM-dd");
    }
  }

  private static LocalDate utcDate(Instant instant) {
    return instant.atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** Kafka Connect's Decimal: base64 of the unscaled value's big-endian two's complement bytes. */
  static BigDecimal decimal(String base64, int scale) {
    byte[] bytes = Base64.getDecoder().decode(base64);
    if (bytes.length == 0) {
      throw new IllegalArgumentException("empty decimal");
    }
    return new BigDecimal(new BigInteger(bytes), scale);
  }

  /**
   * The primary-key values of a row image, or, when the image lacks them (a delete without
   * {@code before}), of the message key (bare or schema-wrapped JSON); null when neither has them.
   */
  public static List<String> keyValues(JsonNode image, String messageKey, List<String> keyColumns) {
    List<String> fromImage = keyValuesOf(image, keyColumns);
    if (fromImage != null || messageKey == null) {
      return fromImage;
    }
    try {
      JsonNode key = JSON.readTree(messageKey);
      if (key != null && key.has("payload") && key.get("payload").isObject()) {
        key = key.get("payload");
      }
      return keyValuesOf(key, keyColumns);
    } catch (Exception e) {
      return null;
    }
  }

  private static List<String> keyValuesOf(JsonNode node, List<String> keyColumns) {
    if (node == null || !node.isObject()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    for (String column : keyColumns) {
      JsonNode v = node.get(column);
      if (v == null || v.isNull() || v.isContainerNode()) {
        return null;
      }
      values.add(v.asText());
    }
    return values;
  }

  /** An event as Debezium writes it (no schema wrapper), for replay tools and tests. */
  public static String write(String op, ObjectNode before, ObjectNode after, long tsMs, String table) {
    ObjectNode event = JSON.createObjectNode();
    event.set("before", before);
    event.set("after", after);
    event.put("op", op);
    event.put("ts_ms", tsMs);
    ObjectNode source = event.putObject("source");
    source.put("ts_ms", tsMs);
    source.put("connector", "tributary-cdc-replay");
    source.put("table", table);
    return event.toString();
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  private static JsonNode nullable(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }
}
