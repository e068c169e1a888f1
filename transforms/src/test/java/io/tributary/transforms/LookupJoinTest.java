package io.tributary.transforms;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.joins.JoinParentChildren;
import io.tributary.transforms.joins.LookupJoin;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.testing.TestPipelineExtension;

/** LookupJoin (feed rows enriched with products) and JoinParentChildren.uniqueKeys. */
public class LookupJoinTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  static final Schema FEED = Schema.builder().addStringField("part").addInt32Field("qty")
      .addStringField("source").addInt64Field("line").build();
  static final Schema PRODUCT = Schema.builder().addStringField("part").addStringField("label").build();

  static Row feed(String part, int qty, long line) {
    return Row.withSchema(FEED).addValues(part, qty, "f.xlsx", line).build();
  }

  static Row product(String part, String label) {
    return Row.withSchema(PRODUCT).addValues(part, label).build();
  }

  @Test
  public void matchedRowsGetAllTheirLookupsAndTheRestIsDeadLetteredWithItsOrigin() {
    PCollection<Row> feed = pipeline.apply("Feed", Create.of(feed("P1", 5, 2), feed("P2", 1, 3), feed("P3", 7, 4),
        feed("P3", 8, 5), feed("P9", 3, 6)).withRowSchema(FEED));
    PCollection<Row> products = pipeline.apply("Products", Create.of(product("P1", "L1"), product("P2", "L2a"),
        product("P2", "L2b"), product("P3", "L3"), product("P7", "unused")).withRowSchema(PRODUCT));
    PCollectionTuple out = PCollectionTuple.of(LookupJoin.MAIN, feed).and(LookupJoin.LOOKUP, products)
        .apply(LookupJoin.of("t", "feed", r -> r.getString("part"), "product", r -> r.getString("part")));

    PAssert.that(out.get(LookupJoin.JOINED).apply(MapElements.into(TypeDescriptors.strings()).via(kv -> {
      List<String> labels = new ArrayList<>();
      kv.getValue().forEach(p -> labels.add(p.getString("label")));
      labels.sort(null);
      return kv.getKey().getString("part") + "=" + String.join("+", labels);
    }))).containsInAnyOrder("P1=L1", "P2=L2a+L2b");
    // P3 twice (which quantity?), P9 without product; P7 asked by nobody is no error.
    PAssert.that(out.get(LookupJoin.DEAD_LETTERS)).containsInAnyOrder(
        DeadLetterSchema.of("t", "f.xlsx", 4L, "P3,7,f.xlsx,4", "feed key 'P3' appears 2 times"),
        DeadLetterSchema.of("t", "f.xlsx", 5L, "P3,8,f.xlsx,5", "feed key 'P3' appears 2 times"),
        DeadLetterSchema.of("t", "f.xlsx", 6L, "P9,3,f.xlsx,6", "no product for feed key 'P9'"));
    pipeline.run();
  }

  @Test
  public void uniqueKeysPassesSingletonsAndRejectsEveryCopyOfARepeatedKey() {
    PCollection<Row> products = pipeline.apply(Create.of(product("P1", "L1"), product("P2", "L2"),
        product("P2", "L2-dup")).withRowSchema(PRODUCT));
    PCollectionTuple out = products.apply(JoinParentChildren.uniqueKeys("t", "product", r -> r.getString("part")));
    PAssert.that(out.get(JoinParentChildren.PARENTS)).containsInAnyOrder(product("P1", "L1"));
    PAssert.that(out.get(JoinParentChildren.DEAD_LETTERS)).containsInAnyOrder(
        DeadLetterSchema.of("t", "product", null, "P2,L2", "product 'P2' appears 2 times"),
        DeadLetterSchema.of("t", "product", null, "P2,L2-dup", "product 'P2' appears 2 times"));
    pipeline.run();
  }
}
