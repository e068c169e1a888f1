package io.tributary.transforms.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Checks, before a pipeline is built, that every file of a source has the columns a table needs,
 * and says which are missing: a wrong file fails the run in a second with a clear message instead of
 * dead-lettering every row. Returns where each expected column is, so columns may come in any order
 * and extra columns are ignored, and how many columns each record must have (the header's count).
 */
public final class CsvHeader {
  private CsvHeader() {}

  /** Where a file's columns are: {@code positions[i]} holds expected column i; every record has {@code width} fields. */
  public static final class Layout implements Serializable {
    public final int[] positions;
    public final int width;

    public Layout(int[] positions, int width) {
      this.positions = positions.clone();
      this.width = width;
    }

    /** The expected columns in their own order, no header. */
    public static Layout inOrder(int columns) {
      int[] positions = new int[columns];
      for (int i = 0; i < columns; i++) {
        positions[i] = i;
      }
      return new Layout(positions, columns);
    }
  }

  /**
   * Positions of {@code expected} columns in the header shared by all files matching {@code pattern}.
   *
   * @throws IllegalArgumentException naming the file and the missing columns, or when nothing matches
   */
  public static int[] positions(String pattern, List<String> expected) {
    return layout(pattern, expected).positions;
  }

  /** The layout shared by all files matching {@code pattern} (each must start with a header). */
  public static Layout layout(String pattern, List<String> expected) {
    Layout shared = null;
    for (Map.Entry<String, Layout> file : layouts(pattern, expected, false).entrySet()) {
      if (shared != null && (shared.width != file.getValue().width
          || !java.util.Arrays.equals(shared.positions, file.getValue().positions))) {
        throw new IllegalArgumentException("files matching " + pattern + " have different column orders");
      }
      shared = file.getValue();
    }
    return shared;
  }

  /**
   * The layout of each file matching {@code pattern}, by file name as readers report it. A header
   * naming every expected column maps them by name; when {@code headerOptional}, a first record
   * naming none of them means the file has no header and holds the columns in their own order. A
   * header naming only some fails, naming the file, the columns found and the columns expected.
   */
  public static Map<String, Layout> layouts(String pattern, List<String> expected, boolean headerOptional) {
    List<MatchResult.Metadata> files;
    try {
      files = FileSystems.match(pattern).metadata();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + pattern + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no file matches " + pattern);
    }
    List<ResourceId> ids = new ArrayList<>();
    files.forEach(f -> ids.add(f.resourceId()));
    return layoutsOf(ids, expected, headerOptional);
  }

  /** As {@link #layouts(String, List, boolean)}, for files already listed (by the names a listing gave). */
  public static Map<String, Layout> layoutsOfFiles(List<String> files, List<String> expected, boolean headerOptional) {
    List<ResourceId> ids = new ArrayList<>();
    files.forEach(f -> ids.add(FileSystems.matchNewResource(f, false)));
    return layoutsOf(ids, expected, headerOptional);
  }

  private static Map<String, Layout> layoutsOf(List<ResourceId> files, List<String> expected, boolean headerOptional) {
    Map<String, Layout> layouts = new LinkedHashMap<>();
    for (ResourceId file : files) {
      String name = file.toString();
      List<String> header = read(file);
      if (headerOptional && namesNone(header, expected)) {
        layouts.put(name, Layout.inOrder(expected.size()));
      } else {
        layouts.put(name, new Layout(positions(name, header, expected), header.size()));
      }
    }
    return layouts;
  }

  private static boolean namesNone(List<String> header, List<String> expected) {
    for (String column : expected) {
      for (String h : header) {
        if (h.trim().equalsIgnoreCase(column)) {
          return false;
        }
      }
    }
    return true;
  }

  public static int[] positions(String source, List<String> header, List<String> expected) {
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    List<String> missing = new ArrayList<>();
    int[] positions = new int[expected.size()];
    for (int i = 0; i < expected.size(); i++) {
      Integer at = index.get(expected.get(i).toLowerCase(Locale.ROOT));
      if (at == null) {
        missing.add(expected.get(i));
      } else {
        positions[i] = at;
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(source + " lacks column(s) " + String.join(", ", missing)
          + " (header: " + String.join(",", header) + "; expected: " + String.join(",", expected) + ")");
    }
    return positions;
  }

  private static List<String> read(ResourceId file) {
    try (InputStream in = Channels.newInputStream(FileSystems.open(file))) {
      CsvRecordReader.Record first = new CsvRecordReader(in, true).next();
      if (first == null) {
        throw new IllegalArgumentException(file + " is empty: expected a header row");
      }
      if (first.problem != null) {
        throw new IllegalArgumentException(file + ": cannot read its header: " + first.problem);
      }
      return CsvFields.split(first.text);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
