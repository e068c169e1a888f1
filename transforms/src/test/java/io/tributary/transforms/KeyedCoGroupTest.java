package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.testing.TestPipelineExtension;
import io.tributary.transforms.joins.KeyedCoGroup;
import java.util.List;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared co-group: a resolver's outputs on the success tag, an extra tag and the failure tag;
 * a resolver that throws rejects its whole key (with the exception's class and first frames) and
 * keeps nothing it had emitted for it; or fails the run where dead letters would lose data.
 */
public class KeyedCoGroupTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  static final Schema KV_ROW = Schema.builder().addStringField("k").addInt32Field("v").build();
  static final TupleTag<String> SUMS = new TupleTag<String>() {};
  static final TupleTag<String> LONELY = new TupleTag<String>() {};
  static final TupleTag<Row> DEAD = new TupleTag<Row>() {};

  static Row row(String k, int v) {
    return Row.withSchema(KV_ROW).addValues(k, v).build();
  }

  /** Sums left and right values per key; a key with no left row is "lonely"; a negative left value is rejected; "boom" throws after emitting. */
  static void sum(String key, List<Row> left, Iterable<Row> right, KeyedCoGroup.Outcome<String> out) {
    int total = 0;
    for (Row r : right) {
      total += r.getInt32("v");
    }
    if (left.isEmpty()) {
      out.output(LONELY, key);
      return;
    }
    for (Row l : left) {
      if (l.getInt32("v") < 0) {
        out.reject("left", null, l, "negative value " + l.getInt32("v"));
        return;
      }
      total += l.getInt32("v");
    }
    out.output(key + "=" + total);
    if (key.equals("boom")) {
      throw new IllegalStateException("resolver bug");
    }
  }

  private PCollectionTuple input() {
    PCollection<Row> left = pipeline.apply("Left", Create.of(row("a", 1), row("b", -2), row("boom", 3)).withRowSchema(KV_ROW));
    PCollection<Row> right = pipeline.apply("Right",
        Create.of(row("a", 10), row("a", 100), row("b", 5), row("c", 7), row("boom", 4)).withRowSchema(KV_ROW));
    return PCollectionTuple.of(KeyedCoGroup.LEFT, left).and(KeyedCoGroup.RIGHT, right);
  }

  private static KeyedCoGroup.Builder<String> summing() {
    return KeyedCoGroup.<String>builder("t")
        .leftKey(r -> r.getString("k")).rightKey(r -> r.getString("k"))
        .resolver(KeyedCoGroupTest::sum)
        .successTag(SUMS).successCoder(StringUtf8Coder.of()).failureTag(DEAD)
        .additionalOutput(LONELY, StringUtf8Coder.of());
  }

  @Test
  public void resolverDecidesPerKeyAndAThrowRejectsTheWholeKey() {
    PCollectionTuple out = input().apply(summing().build());
    // a: 1 + 10 + 100; b rejected; c has no left row; boom's "boom=7" is not kept (it threw).
    PAssert.that(out.get(SUMS)).containsInAnyOrder("a=111");
    PAssert.that(out.get(LONELY)).containsInAnyOrder("c");
    PAssert.that(out.get(DEAD).apply(MapElements.into(TypeDescriptors.strings()).via((Row d) ->
        d.getString("source") + "|" + d.getString("original") + "|" + d.getString("reason") + "|"
            + d.getString("exception_class") + "|" + (d.getString("stack") == null ? "no stack"
            : d.getString("stack").startsWith("at io.tributary.transforms.KeyedCoGroupTest.sum(") ? "stack at sum" : d.getString("stack")))))
        .containsInAnyOrder(
            "left|b,-2|negative value -2|null|no stack",
            "left|boom,3|unexpected IllegalStateException joining key 'boom': resolver bug|java.lang.IllegalStateException|stack at sum",
            "right|boom,4|unexpected IllegalStateException joining key 'boom': resolver bug|java.lang.IllegalStateException|stack at sum");
    pipeline.run();
  }

  @Test
  public void failOnResolverErrorFailsTheRun() {
    input().apply(summing().failOnResolverError().build());
    PipelineExecutionException e = assertThrows(PipelineExecutionException.class, () -> pipeline.run());
    assertTrue(e.getMessage().contains("resolver bug"), e.getMessage());
  }

  @Test
  public void everyTagIsRequired() {
    KeyedCoGroup.Builder<String> noFailureTag = KeyedCoGroup.<String>builder("t")
        .leftKey(r -> "").rightKey(r -> "").resolver(KeyedCoGroupTest::sum).successTag(SUMS)
        .successCoder(StringUtf8Coder.of());
    assertTrue(assertThrows(NullPointerException.class, noFailureTag::build).getMessage().contains("failureTag"));
  }
}
