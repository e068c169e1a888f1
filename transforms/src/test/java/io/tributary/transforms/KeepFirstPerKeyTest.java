package io.tributary.transforms;

import io.tributary.transforms.dedup.KeepFirstPerKey;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.testing.TestPipelineExtension;

public class KeepFirstPerKeyTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  /** "key@rank": same key = same trip, the smaller rank = the earlier ingestion. */
  private static String key(String s) {
    return s.substring(0, s.indexOf('@'));
  }

  private static final SerializableComparator<String> BY_RANK =
      (a, b) -> Integer.compare(Integer.parseInt(a.substring(a.indexOf('@') + 1)),
          Integer.parseInt(b.substring(b.indexOf('@') + 1)));

  @Test
  public void keepsTheEarliestOfEachKey() {
    PCollection<String> out = pipeline
        .apply(Create.of("a@3", "a@1", "a@2", "b@7", "c@5", "c@4"))
        .apply(KeepFirstPerKey.of(KeepFirstPerKeyTest::key, BY_RANK).withBuckets(2));
    PAssert.that(out).containsInAnyOrder("a@1", "b@7", "c@4");
    pipeline.run();
  }

  @Test
  public void oneBucketGivesTheSameAnswer() {
    PCollection<String> out = pipeline
        .apply(Create.of("x@2", "y@1", "x@1", "y@1"))
        .apply(KeepFirstPerKey.of(KeepFirstPerKeyTest::key, BY_RANK).withBuckets(1));
    PAssert.that(out).containsInAnyOrder("x@1", "y@1");
    pipeline.run();
  }
}
