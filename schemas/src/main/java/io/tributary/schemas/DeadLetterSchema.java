package io.tributary.schemas;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.schemas.Schema.FieldType;
import org.apache.beam.sdk.schemas.logicaltypes.SqlTypes;
import org.apache.beam.sdk.values.Row;

/** A rejected input row, kept with where it came from, its original text and why it was rejected. */
public final class DeadLetterSchema {
  private DeadLetterSchema() {}

  /**
   * A dead letter as the steps produce it; {@code exception_class} and {@code stack} (its first
   * frames, enough to find the bug without the worker's log) only where an exception was caught.
   */
  public static final Schema DEAD_LETTER =
      Schema.builder()
          .addStringField("step")
          .addStringField("source")
          .addNullableField("line", FieldType.INT64)
          .addStringField("original")
          .addStringField("reason")
          .addNullableField("exception_class", FieldType.STRING)
          .addNullableField("stack", FieldType.STRING)
          .build();

  /**
   * A dead letter as each pipeline's {@code dead_letters} table keeps it: stamped with the run that
   * rejected it and the day of that run (the table's partition, so retention drops whole days).
   * Nullable, so that a table created before these columns can gain them.
   */
  public static final Schema TABLE =
      Schema.builder()
          .addFields(DEAD_LETTER.getFields())
          .addNullableField("run_id", FieldType.STRING)
          .addNullableField("day", FieldType.logicalType(SqlTypes.DATE))
          .build();

  /** A dead letter; {@code line} may be null where the original has no line (a joined row). */
  public static Row of(String step, String source, Long line, String original, String reason) {
    return Row.withSchema(DEAD_LETTER).addValues(step, source, line, original, reason, null, null).build();
  }

  /** A dead letter for a row whose handling threw {@code thrown} (its class is kept). */
  public static Row of(String step, String source, Long line, String original, String reason, Throwable thrown) {
    return Row.withSchema(DEAD_LETTER).addValues(step, source, line, original, reason, thrown.getClass().getName(),
        shortStack(thrown)).build();
  }

  static final int STACK_FRAMES = 6;

  /** The first frames of {@code thrown}'s stack, one per line, and the class of its root cause if another. */
  public static String shortStack(Throwable thrown) {
    StringBuilder b = new StringBuilder();
    StackTraceElement[] frames = thrown.getStackTrace();
    for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
      b.append(i == 0 ? "" : "\n").append("at ").append(frames[i]);
    }
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != thrown) {
      b.append("\ncaused by ").append(root.getClass().getName()).append(": ").append(root.getMessage());
    }
    return b.toString();
  }

  /** {@code deadLetter} as the table keeps it. */
  public static Row stamped(Row deadLetter, String runId, java.time.LocalDate day) {
    return Row.withSchema(TABLE).addValues(deadLetter.getValues()).addValues(runId, day).build();
  }
}
