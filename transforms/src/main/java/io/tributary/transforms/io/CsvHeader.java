package io.tributary.transforms.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Checks, before a pipeline is built, that every file of a source has the columns a table needs,
 * and says which are missing: a wrong file fails the run in a second with a clear message instead of
 * dead-lettering every row. Returns where each expected column is, so columns may come in any order
 * and extra columns are ignored.
 */
public final class CsvHeader {
  private CsvHeader() {}

  /**
   * Positions of {@code expected} columns in the header shared by all files matching {@code pattern}.
   *
   * @throws IllegalArgumentException naming the file and the missing columns, or when nothing matches
   */
  public static int[] positions(String pattern, List<String> expected) {
    List<MatchResult.Metadata> files;
    try {
      files = FileSystems.match(pattern).metadata();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + pattern + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no file matches " + pattern);
    }
    int[] positions = null;
    for (MatchResult.Metadata file : files) {
      List<String> header = read(file);
      int[] these = positions(file.resourceId().toString(), header, expected);
      if (positions != null && !java.util.Arrays.equals(positions, these)) {
        throw new IllegalArgumentException("files matching " + pattern + " have different column orders");
      }
      positions = these;
    }
    return positions;
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

  private static List<String> read(MatchResult.Metadata file) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        Channels.newInputStream(FileSystems.open(file.resourceId())), StandardCharsets.UTF_8))) {
      String line = new CsvRecordReader(reader, true).next();
      if (line == null) {
        throw new IllegalArgumentException(file.resourceId() + " is empty: expected a header row");
      }
      return CsvFields.split(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file.resourceId() + ": " + e.getMessage(), e);
    }
  }
}
