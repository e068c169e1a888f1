package io.tributary.transforms.io;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One record of input text with where it came from: the unit a parser accepts or dead-letters. A
 * reader that could not make a record of the bytes (invalid UTF-8, an unclosed quote, an
 * over-long line) says why in {@code problem}; {@code text} then holds the original, escaped, and
 * the parse step dead-letters it without parsing.
 */
@DefaultSchema(JavaFieldSchema.class)
public final class SourceLine implements Serializable {
  /** File path, or {@code jdbc:TABLE} for rows read from a database. */
  public final String source;
  /** 1-based line number in the file, or the row's id for database rows. */
  public final long line;
  public final String text;
  public final @Nullable String problem;

  @SchemaCreate
  public SourceLine(String source, long line, String text, @Nullable String problem) {
    this.source = source;
    this.line = line;
    this.text = text;
    this.problem = problem;
  }

  public static SourceLine of(String source, long line, String text) {
    return new SourceLine(source, line, text, null);
  }

  /** A record the reader could not read as text, with the reason. */
  public static SourceLine malformed(String source, long line, String original, String problem) {
    return new SourceLine(source, line, original, problem);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SourceLine)) {
      return false;
    }
    SourceLine other = (SourceLine) o;
    return line == other.line && source.equals(other.source) && text.equals(other.text)
        && Objects.equals(problem, other.problem);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, line, text, problem);
  }

  @Override
  public String toString() {
    return source + ":" + line + ": " + text + (problem == null ? "" : " [" + problem + "]");
  }
}
