package io.tributary.transforms.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits and joins one CSV record (RFC 4180 quoting: {@code "a,b"} and {@code ""} for a quote).
 * Kept tiny and strict on purpose: an unterminated quote, text after a closing quote
 * ({@code "a"b}) and a quote inside an unquoted field ({@code a"b}) are errors the caller
 * dead-letters: each is a file whose fields cannot be told apart with certainty.
 */
public final class CsvFields {
  private CsvFields() {}

  public static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean closed = false;
    boolean started = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
            closed = true;
          }
        } else {
          field.append(c);
        }
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        closed = false;
        started = false;
      } else if (closed) {
        throw new IllegalArgumentException("text after the closing quote of field " + (fields.size() + 1));
      } else if (c == '"') {
        if (started) {
          throw new IllegalArgumentException("a quote inside unquoted field " + (fields.size() + 1));
        }
        quoted = true;
        started = true;
      } else {
        field.append(c);
        started = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field");
    }
    fields.add(field.toString());
    return fields;
  }

  public static String join(List<String> fields) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String f = fields.get(i) == null ? "" : fields.get(i);
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0) {
        out.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        out.append(f);
      }
    }
    return out.toString();
  }
}
