package io.tributary.transforms;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.joins.JoinParentChildren;
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

public class JoinParentChildrenTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  static final Schema PARENT = Schema.builder().addStringField("id").addStringField("name").build();
  static final Schema CHILD = Schema.builder().addStringField("parent").addInt64Field("n").build();

  static Row parent(String id, String name) {
    return Row.withSchema(PARENT).addValues(id, name).build();
  }

  static Row child(String parent, long n) {
    return Row.withSchema(CHILD).addValues(parent, n).build();
  }

  static Row dead(String table, String original, String reason) {
    return DeadLetterSchema.of("t", table, null, original, reason);
  }

  @Test
  public void parentsComeOutOnceOrphansAndDuplicatesAreDeadLettered() {
    PCollection<Row> parents = pipeline.apply("Parents",
        Create.of(parent("a", "A"), parent("b", "B"), parent("d", "D1"), parent("d", "D2")).withRowSchema(PARENT));
    PCollection<Row> children = pipeline.apply("Children",
        Create.of(child("a", 1), child("a", 2), child("c", 3), child("d", 4)).withRowSchema(CHILD));
    PCollectionTuple out = PCollectionTuple.of(JoinParentChildren.PARENTS, parents)
        .and(JoinParentChildren.CHILDREN, children)
        .apply(JoinParentChildren.of("t", "parents", p -> p.getString("id"), "children", c -> c.getString("parent")));

    // The joined pairs as "parent: sum of children" (order of the child list is the runner's).
    PCollection<String> joined = out.get(JoinParentChildren.JOINED).apply(MapElements.into(TypeDescriptors.strings())
        .via(kv -> {
          List<Long> ns = new ArrayList<>();
          kv.getValue().forEach(c -> ns.add(c.getInt64("n")));
          return kv.getKey().getString("name") + ":" + ns.stream().mapToLong(Long::longValue).sum() + "/" + ns.size();
        }));
    PAssert.that(joined).containsInAnyOrder("A:3/2", "B:0/0");
    PAssert.that(out.get(JoinParentChildren.DEAD_LETTERS)).containsInAnyOrder(
        dead("children", "c,3", "children refers to unknown parents 'c'"),
        dead("parents", "d,D1", "parents 'd' appears 2 times"),
        dead("parents", "d,D2", "parents 'd' appears 2 times"),
        dead("children", "d,4", "children refers to parents 'd', which appears 2 times"));
    pipeline.run();
  }
}
