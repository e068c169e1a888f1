package io.tributary.transforms;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.io.SourceLine;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.testing.TestPipelineExtension;

public class ParseWithDeadLettersTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);

  private static final Schema NUMBER = Schema.builder().addInt64Field("n").build();

  private static Row parse(SourceLine line) {
    if (line.text.equals("boom")) {
      throw new IllegalStateException("parser bug");
    }
    try {
      return Row.withSchema(NUMBER).addValue(Long.parseLong(line.text)).build();
    } catch (NumberFormatException e) {
      throw new RowRejected("not a number: '" + line.text + "'");
    }
  }

  private static String firstFrame(String stack) {
    return stack == null ? "null" : stack.split("\n")[0].replaceAll("\\(.*", "");
  }

  @Test
  public void everyLineEndsInExactlyOneOutput() {
    PCollectionTuple out = pipeline
        .apply(Create.of(SourceLine.of("f.csv", 2, "10"), SourceLine.of("f.csv", 3, "x1"),
            SourceLine.of("f.csv", 4, "12"), SourceLine.of("f.csv", 5, "boom")))
        .apply(ParseWithDeadLetters.of("test", NUMBER, ParseWithDeadLettersTest::parse));
    PAssert.that(out.get(ParseWithDeadLetters.PARSED)).containsInAnyOrder(
        Row.withSchema(NUMBER).addValue(10L).build(), Row.withSchema(NUMBER).addValue(12L).build());
    // An exception from the parser keeps its class and where it was thrown: a bug is told apart
    // from a bad row (the stack is checked by its first frame, then left out of the comparison).
    PAssert.that(out.get(ParseWithDeadLetters.DEAD_LETTERS).apply(MapElements.into(TypeDescriptors.strings())
        .via((Row r) -> r.getValues().subList(0, 6) + " " + firstFrame(r.getString("stack")))))
        .containsInAnyOrder(
            "[test, f.csv, 3, x1, not a number: 'x1', null] null",
            "[test, f.csv, 5, boom, unexpected IllegalStateException: parser bug, java.lang.IllegalStateException] "
                + "at io.tributary.transforms.ParseWithDeadLettersTest.parse");
    pipeline.run();
  }
}
