package io.tributary.transforms.io;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * Reads text one record at a time: a line, or, when {@code multiLine}, as many lines as a quoted
 * CSV field spans (joined by {@code \n}). A byte-order mark at the start is dropped. An
 * unterminated quote runs to the end of the input, so a parser rejects one record, not the rest.
 */
public final class CsvRecordReader {
  private final BufferedReader in;
  private final boolean multiLine;
  private long lines;
  private long recordLine;

  public CsvRecordReader(BufferedReader in, boolean multiLine) {
    this.in = in;
    this.multiLine = multiLine;
  }

  /** The next record, or null at the end. */
  public String next() throws IOException {
    String line = in.readLine();
    if (line == null) {
      return null;
    }
    lines++;
    recordLine = lines;
    if (lines == 1 && line.startsWith("\uFEFF")) {
      line = line.substring(1);
    }
    if (!multiLine || !openQuote(line)) {
      return line;
    }
    StringBuilder record = new StringBuilder(line);
    String next;
    while (openQuote(record) && (next = in.readLine()) != null) {
      lines++;
      record.append('\n').append(next);
    }
    return record.toString();
  }

  /** 1-based line number where the last record returned starts. */
  public long recordLine() {
    return recordLine;
  }

  /** True when {@code text} ends inside a quoted field (an odd number of quote characters). */
  public static boolean openQuote(CharSequence text) {
    int quotes = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes % 2 == 1;
  }
}
