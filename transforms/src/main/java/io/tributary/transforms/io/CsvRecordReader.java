package io.tributary.transforms.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads CSV text one record at a time: a line, or, when {@code multiLine}, as many lines as a quoted
 * field spans (joined by {@code \n}). Bytes are decoded as strict UTF-8, line by line: a line with
 * invalid bytes is a {@link Record#problem problem record} whose text shows the bytes escaped
 * ({@code \xC3}), never a U+FFFD that would pass for data. A byte-order mark at the start is dropped.
 *
 * <p>A quoted field that is not closed within {@code maxRecordBytes}, or before the end of the
 * input, makes a problem record of its first line only; reading goes on at the next line, so one
 * stray quote costs one row, not the rest of the file. Each line is scanned once (and at most once
 * more after such a stray quote): cost is linear in the input.
 */
public final class CsvRecordReader {
  public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;
  /** How much of an over-long line is kept as the dead letter's original text. */
  static final int KEPT_CHARS = 4096;

  /** One record: where it starts, its text, and why it is not a record when it is not. */
  public static final class Record {
    public final long line;
    public final String text;
    /** Null for a well-formed record; else the reason, and {@code text} is the original, escaped. */
    public final String problem;

    Record(long line, String text, String problem) {
      this.line = line;
      this.text = text;
      this.problem = problem;
    }
  }

  /** A decoded line, kept to be read again after a stray quote. */
  private static final class Line {
    final long number;
    final String text;
    final String problem;
    final int bytes;

    Line(long number, String text, String problem, int bytes) {
      this.number = number;
      this.text = text;
      this.problem = problem;
      this.bytes = bytes;
    }
  }

  private final InputStream in;
  private final boolean multiLine;
  private final int maxRecordBytes;
  private final Deque<Line> pushedBack = new ArrayDeque<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int limit;
  private long lines;
  private boolean eof;

  public CsvRecordReader(InputStream in, boolean multiLine) {
    this(in, multiLine, DEFAULT_MAX_RECORD_BYTES);
  }

  public CsvRecordReader(InputStream in, boolean multiLine, int maxRecordBytes) {
    this.in = in;
    this.multiLine = multiLine;
    if (maxRecordBytes < 1) {
      throw new IllegalArgumentException("the largest record must be at least 1 byte, got " + maxRecordBytes);
    }
    this.maxRecordBytes = maxRecordBytes;
  }

  /** The next record, or null at the end of the input. */
  public Record next() throws IOException {
    Line first = line();
    if (first == null) {
      return null;
    }
    if (first.problem != null) {
      return new Record(first.number, first.text, first.problem);
    }
    QuoteState state = new QuoteState();
    state.scan(first.text);
    if (!multiLine || !state.inQuotes) {
      return new Record(first.number, first.text, null);
    }
    // A quoted field spans lines: gather them, up to the bound.
    StringBuilder record = new StringBuilder(first.text);
    Deque<Line> taken = new ArrayDeque<>();
    long bytes = first.bytes;
    while (state.inQuotes) {
      Line next = line();
      boolean fits = next != null && next.problem == null && bytes + 1 + next.bytes <= maxRecordBytes;
      if (fits) {
        state.scan(next.text);
      }
      // Text right after the quote that closed the field ("a,"b\nc"d) means the quote that opened it
      // was a stray one: give up the record rather than swallow the lines up to the next quote.
      if (!fits || state.broken) {
        if (next != null) {
          taken.addLast(next);
        }
        // Read the lines after the opening one again, as records of their own.
        while (!taken.isEmpty()) {
          pushedBack.addFirst(taken.removeLast());
        }
        String why = next == null ? "before the end of the input"
            : next.problem != null ? "before line " + next.number + ", which is not valid text"
            : state.broken ? "where it should be (line " + next.number + " has text after a closing quote)"
            : "within " + maxRecordBytes + " bytes";
        return new Record(first.number, first.text,
            "malformed CSV: a quoted field opened on line " + first.number + " is not closed " + why);
      }
      taken.addLast(next);
      bytes += 1 + next.bytes;
      record.append('\n').append(next.text);
    }
    return new Record(first.number, record.toString(), null);
  }

  /** Tracks whether the text so far ends inside a quoted field, with the same rules as {@link CsvFields}. */
  private static final class QuoteState {
    boolean inQuotes;
    boolean fieldStart = true;
    /** A closing quote followed by anything but a separator or the end of the line. */
    boolean broken;
    private boolean justClosed;

    void scan(String text) {
      if (!inQuotes) {
        fieldStart = true; // a new line of a record outside quotes cannot happen; a new record starts a field
      }
      justClosed = false; // a closing quote at the end of the previous line ended its field there
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (justClosed) {
          justClosed = false;
          if (c != ',') {
            broken = true;
          }
        }
        if (inQuotes) {
          if (c == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
              i++;
            } else {
              inQuotes = false;
              fieldStart = false;
              justClosed = true;
            }
          }
        } else if (c == '"' && fieldStart) {
          inQuotes = true;
        } else {
          fieldStart = c == ',';
        }
      }
    }
  }

  private Line line() throws IOException {
    if (!pushedBack.isEmpty()) {
      return pushedBack.removeFirst();
    }
    if (eof) {
      return null;
    }
    buffer.reset();
    long total = 0;
    boolean newline = false;
    while (!newline) {
      if (pos == limit) {
        limit = in.read(chunk, 0, chunk.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          break;
        }
      }
      int end = pos;
      while (end < limit && chunk[end] != '\n') {
        end++;
      }
      int n = end - pos;
      total += n;
      int room = maxRecordBytes + 1 - buffer.size();
      if (room > 0) {
        buffer.write(chunk, pos, Math.min(n, room));
      }
      newline = end < limit;
      pos = newline ? end + 1 : end;
    }
    if (!newline) {
      eof = true;
      if (total == 0) {
        return null;
      }
    }
    lines++;
    byte[] bytes = buffer.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r' && total == length) {
      length--;
    }
    int start = lines == 1 && length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    if (total > maxRecordBytes) {
      String kept = escaped(bytes, start, Math.min(length, start + KEPT_CHARS));
      return new Line(lines, kept + "... [" + total + " bytes]",
          "malformed CSV: line " + lines + " is " + total + " bytes, more than the largest record (" + maxRecordBytes
              + " bytes)", (int) Math.min(total, Integer.MAX_VALUE));
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, length - start)).toString();
      return new Line(lines, text, null, length);
    } catch (CharacterCodingException e) {
      return new Line(lines, escaped(bytes, start, length), "invalid UTF-8 on line " + lines
          + " (bytes outside ASCII shown as \\xNN)", length);
    }
  }

  /** ASCII as it is (a backslash doubled), every other byte as {@code \xNN}: the original, losslessly. */
  static String escaped(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      int b = bytes[i] & 0xFF;
      if (b == '\\') {
        out.append("\\\\");
      } else if (b >= 0x20 && b < 0x7F || b == '\t' || b == '\r') {
        out.append((char) b);
      } else {
        out.append(String.format("\\x%02X", b));
      }
    }
    return out.toString();
  }
}
