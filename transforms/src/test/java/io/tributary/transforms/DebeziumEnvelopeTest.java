package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.testing.RealInputs;
import io.tributary.transforms.cdc.DebeziumEnvelope;
import io.tributary.transforms.deadletter.RowRejected;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Envelopes as the PostgreSQL and MySQL connectors really emit them (issue 9, item 9). */
class DebeziumEnvelopeTest {
  @Test
  void aRealPostgresEventWithPreciseDecimalAndMicroTimestamp() throws Exception {
    DebeziumEnvelope e = DebeziumEnvelope.parse(Files.readString(RealInputs.path("debezium/pg_orders_envelope.json")));
    assertEquals("r", e.op);
    assertEquals(1767611532462L, e.tsMs);
    // "AdTA" = 0x01D4C0 = 120000 at scale 2; 1767610078945635 us = 2026-01-05T10:47:58.945635Z.
    assertEquals(List.of("1", "1200.00", "2026-01-05", "COMPLETED"),
        e.values(e.after, List.of("order_id", "price", "order_date", "status"), Set.of("order_date")));
  }

  private static String wrapped(String type, String value) {
    return "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"field\":\"after\",\"fields\":["
        + "{\"type\":\"int64\",\"field\":\"id\"},{\"type\":\"int64\",\"name\":\"" + type + "\",\"field\":\"day\"}]}]},"
        + "\"payload\":{\"before\":null,\"after\":{\"id\":1,\"day\":" + value + "},\"op\":\"c\",\"source\":{\"ts_ms\":7}}}";
  }

  @Test
  void aDateColumnInEveryTimeEncodingIsADay() {
    for (String[] c : new String[][] {{"io.debezium.time.Date", "20000"}, {"org.apache.kafka.connect.data.Date", "20000"},
        {"io.debezium.time.Timestamp", "1728000000000"}, {"org.apache.kafka.connect.data.Timestamp", "1728000000000"},
        {"io.debezium.time.MicroTimestamp", "1728000000000000"}, {"io.debezium.time.NanoTimestamp", "1728000000000000000"},
        {"io.debezium.time.ZonedTimestamp", "\"2024-10-04T00:00:00Z\""}}) {
      DebeziumEnvelope e = DebeziumEnvelope.parse(wrapped(c[0], c[1]));
      assertEquals("2024-10-04", e.values(e.after, List.of("day"), Set.of("day")).get(0), c[0]);
    }
  }

  @Test
  void anImpossibleDayNumberIsARejectionNotACrash() {
    DebeziumEnvelope e = DebeziumEnvelope.parse(
        "{\"after\":{\"day\":1728000000000000},\"op\":\"c\",\"ts_ms\":1}"); // micros sent without a schema
    RowRejected r = assertThrows(RowRejected.class, () -> e.values(e.after, List.of("day"), Set.of("day")));
    assertTrue(r.getMessage().startsWith("bad day 1728000000000000"), r.getMessage());
  }

  @Test
  void deletesWithOnlyTheKeyOrNoBefore() {
    // PostgreSQL, REPLICA IDENTITY DEFAULT: before holds the key, other columns null.
    DebeziumEnvelope keyOnly = DebeziumEnvelope.parse(
        "{\"before\":{\"invoice_id\":101,\"account_id\":null,\"date_issued\":null},\"after\":null,\"op\":\"d\",\"source\":{\"ts_ms\":5}}");
    assertEquals(List.of("101"), DebeziumEnvelope.keyValues(keyOnly.before, null, List.of("invoice_id")));
    // No before at all: the message key names the row (bare or schema-wrapped).
    DebeziumEnvelope none = DebeziumEnvelope.parse("{\"before\":null,\"after\":null,\"op\":\"d\",\"ts_ms\":5}");
    assertEquals(List.of("101"), DebeziumEnvelope.keyValues(none.before,
        "{\"schema\":{\"type\":\"struct\"},\"payload\":{\"invoice_id\":101}}", List.of("invoice_id")));
    assertNull(DebeziumEnvelope.keyValues(none.before, null, List.of("invoice_id")));
  }

  @Test
  void anEventWithoutAnyTimestampSaysSo() {
    assertEquals(0, DebeziumEnvelope.parse("{\"after\":{\"id\":1},\"op\":\"c\"}").tsMs);
  }

  @Test
  void variableScaleDecimalAndNegativePreciseDecimal() {
    String event = "{\"schema\":{\"fields\":[{\"field\":\"after\",\"fields\":["
        + "{\"field\":\"a\",\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"2\"}},"
        + "{\"field\":\"b\",\"type\":\"struct\",\"name\":\"io.debezium.data.VariableScaleDecimal\"}]}]},"
        + "\"payload\":{\"after\":{\"a\":\"/w==\",\"b\":{\"scale\":3,\"value\":\"MDk=\"}},\"op\":\"c\",\"ts_ms\":1}}";
    DebeziumEnvelope e = DebeziumEnvelope.parse(event);
    // 0xFF = -1 at scale 2; 0x3039 = 12345 at scale 3.
    assertEquals(Arrays.asList("-0.01", "12.345"), e.values(e.after, List.of("a", "b"), Set.of()));
  }
}
