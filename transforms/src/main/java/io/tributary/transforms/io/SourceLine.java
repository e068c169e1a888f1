package io.tributary.transforms.io;

import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.schemas.JavaFieldSchema;
import org.apache.beam.sdk.schemas.annotations.DefaultSchema;
import org.apache.beam.sdk.schemas.annotations.SchemaCreate;

/** One line of input text with where it came from: the unit a parser accepts or dead-letters. */
@DefaultSchema(JavaFieldSchema.class)
public final class SourceLine implements Serializable {
  /** File path, or {@code jdbc:TABLE} for rows read from a database. */
  public final String source;
  /** 1-based line number in the file, or the row's id for database rows. */
  public final long line;
  public final String text;

  @SchemaCreate
  public SourceLine(String source, long line, String text) {
    this.source = source;
    this.line = line;
    this.text = text;
  }

  public static SourceLine of(String source, long line, String text) {
    return new SourceLine(source, line, text);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SourceLine)) {
      return false;
    }
    SourceLine other = (SourceLine) o;
    return line == other.line && source.equals(other.source) && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, line, text);
  }

  @Override
  public String toString() {
    return source + ":" + line + ": " + text;
  }
}
