package io.tributary.schemas;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;

/** A rejected input row, kept with where it came from, its original text and why it was rejected. */
public final class DeadLetterSchema {
  private DeadLetterSchema() {}

  public static final Schema DEAD_LETTER =
      Schema.builder()
          .addStringField("step")
          .addStringField("source")
          .addNullableField("line", FieldType.INT64)
          .addStringField("original")
          .addStringField("reason")
          .build();

  /** A dead letter; {@code line} may be null where the original has no line (a joined row). */
  public static org.apache.beam.sdk.values.Row of(String step, String source, Long line, String original,
      String reason) {
    return org.apache.beam.sdk.values.Row.withSchema(DEAD_LETTER).addValues(step, source, line, original, reason)
        .build();
  }
}
