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
}
