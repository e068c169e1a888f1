package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.transforms.cdc.ApplyLatestPerKey;
import io.tributary.transforms.cdc.Change;
import io.tributary.transforms.cdc.ChangeRows;
import io.tributary.transforms.cdc.DebeziumEnvelope;
import io.tributary.transforms.deadletter.RowRejected;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.testing.TestPipelineExtension;

public class CdcTransformsTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  static final Schema ROW = Schema.builder().addStringField("id").addInt64Field("v").build();

  static Change change(String key, long v, long ts, long offset) {
    return ChangeRows.upsert("t", key, "", Row.withSchema(ROW).addValues(key, v).build(), ts, offset);
  }

  @Test
  public void onlyChangesNewerThanTheLastAppliedPassPerKey() {
    // One key's events in arrival order (TestStream delivers them one after another): a stale one
    // (older ts) and a replayed one (same ts and offset) must not pass; the same time at a later
    // offset must.
    List<Change> events = List.of(change("k", 1, 100, 1), change("k", 2, 90, 2), change("k", 3, 100, 1),
        change("k", 4, 100, 3), ChangeRows.delete("t", "k", "", 200, 4), change("other", 9, 50, 0));
    TestStream.Builder<Change> stream = TestStream.create(SerializableCoder.of(Change.class));
    for (Change e : events) {
      stream = stream.addElements(e);
    }
    PCollection<Change> out = pipeline.apply(stream.advanceWatermarkToInfinity())
        .setCoder(SerializableCoder.of(Change.class)).apply(ApplyLatestPerKey.create());
    PAssert.that(out).containsInAnyOrder(change("k", 1, 100, 1), change("k", 4, 100, 3),
        ChangeRows.delete("t", "k", "", 200, 4), change("other", 9, 50, 0));
    pipeline.run();
  }

  @Test
  public void debeziumEnvelopesWithAndWithoutSchemaWrapper() {
    DebeziumEnvelope bare = DebeziumEnvelope.parse(
        "{\"before\":null,\"after\":{\"id\":7,\"day\":19905,\"name\":\"x\"},\"op\":\"r\",\"ts_ms\":5,\"source\":{\"ts_ms\":3}}");
    assertEquals("r", bare.op);
    assertEquals(3, bare.tsMs);
    assertEquals(List.of("7", "2024-07-01", "x"),
        bare.values(bare.after, List.of("id", "day", "name"), Set.of("day")));
    DebeziumEnvelope wrapped = DebeziumEnvelope.parse(
        "{\"schema\":{},\"payload\":{\"before\":{\"id\":7,\"name\":null},\"after\":null,\"op\":\"d\",\"ts_ms\":9}}");
    assertEquals(9, wrapped.tsMs);
    assertEquals(java.util.Arrays.asList("7", null), wrapped.values(wrapped.before, List.of("id", "name"), Set.of()));
    assertNull(wrapped.after);
    assertEquals("op must be c, u, d or r, got 'x'",
        assertThrows(RowRejected.class, () -> DebeziumEnvelope.parse("{\"op\":\"x\"}")).getMessage());
    assertEquals("op 'u' without after",
        assertThrows(RowRejected.class, () -> DebeziumEnvelope.parse("{\"op\":\"u\",\"before\":{}}")).getMessage());
  }
}
