package io.tributary.transforms.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.transforms.deadletter.RowRejected;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Debezium change event ({@code {"before", "after", "op", "ts_ms", "source": {"ts_ms"}}}, bare or
 * inside the JSON converter's {@code {"schema", "payload"}} wrapper). {@code op} is c (create),
 * u (update), d (delete) or r (snapshot read, applied as an insert); a delete carries the row in
 * {@code before}. DATE columns may come as Debezium's default days-since-epoch integers.
 */
public final class DebeziumEnvelope {
  private static final ObjectMapper JSON = new ObjectMapper();

  public final String op;
  public final JsonNode before;
  public final JsonNode after;
  /** source.ts_ms: when the change happened in the database (falls back to the envelope's ts_ms). */
  public final long tsMs;

  private DebeziumEnvelope(String op, JsonNode before, JsonNode after, long tsMs) {
    this.op = op;
    this.before = before;
    this.after = after;
    this.tsMs = tsMs;
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
    JsonNode event = root.has("payload") && root.get("payload").isObject() ? root.get("payload") : root;
    String op = event.path("op").asText("");
    if (!Set.of("c", "u", "d", "r").contains(op)) {
      throw new RowRejected("op must be c, u, d or r, got '" + op + "'");
    }
    JsonNode before = nullable(event.get("before"));
    JsonNode after = nullable(event.get("after"));
    if (op.equals("d") ? before == null : after == null) {
      throw new RowRejected("op '" + op + "' without " + (op.equals("d") ? "before" : "after"));
    }
    long ts = event.path("source").path("ts_ms").asLong(event.path("ts_ms").asLong(0));
    return new DebeziumEnvelope(op, before, after, ts);
  }

  public boolean isDelete() {
    return op.equals("d");
  }

  /** Column values of a row image, as strings in {@code columns} order; dates given as epoch days become ISO. */
  public static List<String> values(JsonNode image, List<String> columns, Set<String> dateColumns) {
    List<String> values = new ArrayList<>(columns.size());
    for (String column : columns) {
      JsonNode v = image.get(column);
      if (v == null || v.isNull()) {
        values.add(null);
      } else if (dateColumns.contains(column) && v.isIntegralNumber()) {
        values.add(java.time.LocalDate.ofEpochDay(v.asLong()).toString());
      } else {
        values.add(v.asText());
      }
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
