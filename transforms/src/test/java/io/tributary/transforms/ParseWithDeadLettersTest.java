package io.tributary.transforms;

import io.tributary.schemas.DeadLetterSchema;
import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.io.SourceLine;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.junit.Rule;
import org.junit.Test;

public class ParseWithDeadLettersTest {
  @Rule public final transient TestPipeline pipeline = TestPipeline.create();

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

  @Test
  public void everyLineEndsInExactlyOneOutput() {
    PCollectionTuple out = pipeline
        .apply(Create.of(SourceLine.of("f.csv", 2, "10"), SourceLine.of("f.csv", 3, "x1"),
            SourceLine.of("f.csv", 4, "12"), SourceLine.of("f.csv", 5, "boom")))
        .apply(ParseWithDeadLetters.of("test", NUMBER, ParseWithDeadLettersTest::parse));
    PAssert.that(out.get(ParseWithDeadLetters.PARSED)).containsInAnyOrder(
        Row.withSchema(NUMBER).addValue(10L).build(), Row.withSchema(NUMBER).addValue(12L).build());
    PAssert.that(out.get(ParseWithDeadLetters.DEAD_LETTERS)).containsInAnyOrder(
        DeadLetterSchema.of("test", "f.csv", 3L, "x1", "not a number: 'x1'"),
        // An exception from the parser keeps its class: a bug is told apart from a bad row.
        Row.withSchema(DeadLetterSchema.DEAD_LETTER).addValues("test", "f.csv", 5L, "boom",
            "unexpected IllegalStateException: parser bug", "java.lang.IllegalStateException").build());
    pipeline.run();
  }
}
