package io.tributary.transforms.lake;

import java.nio.charset.StandardCharsets;

/** Hive-style partition path segments ({@code region=São Paulo} becomes {@code region=S%C3%A3o%20Paulo}). */
public final class PartitionPath {
  private PartitionPath() {}

  public static String segment(String column, String value) {
    return column + "=" + escape(value);
  }

  /** Keeps letters, digits, {@code - _ .}; percent-encodes every other byte, as Hive does. */
  public static String escape(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
