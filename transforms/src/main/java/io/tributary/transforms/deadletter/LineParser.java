package io.tributary.transforms.deadletter;

import io.tributary.transforms.io.SourceLine;
import java.io.Serializable;
import org.apache.beam.sdk.values.Row;

/** Turns one input line into a row of a known schema, or throws {@link RowRejected} saying why. */
@FunctionalInterface
public interface LineParser extends Serializable {
  Row parse(SourceLine line) throws RowRejected;

  /** The line's CSV fields; a malformed record (an unterminated quote) is rejected, not thrown. */
  static java.util.List<String> csvFields(SourceLine line) {
    try {
      return io.tributary.transforms.io.CsvFields.split(line.text);
    } catch (IllegalArgumentException e) {
      throw new RowRejected("malformed CSV: " + e.getMessage());
    }
  }

  /** The line's CSV fields, which must be exactly {@code width}: a missing or an extra column is rejected. */
  static java.util.List<String> csvFields(SourceLine line, int width) {
    java.util.List<String> fields = csvFields(line);
    if (fields.size() != width) {
      throw new RowRejected("expected " + width + " columns, got " + fields.size());
    }
    return fields;
  }
}
