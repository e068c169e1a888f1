package io.tributary.tools;

import io.tributary.pipelines.invoices.InvoiceTable;

import io.tributary.transforms.io.CsvFields;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.CsvRecordReader;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four tables of a local CSV folder held in memory as column values keyed by primary key: what
 * {@code cdc-replay} replays and changes, and writes back as the final snapshot a batch run reads.
 */
public final class InvoicesSnapshot {
  public final Map<InvoiceTable, LinkedHashMap<String, List<String>>> tables = new EnumMap<>(InvoiceTable.class);

  /** A record's text; a snapshot is the project's own well-formed output, so a problem is an error. */
  private static String text(Path file, CsvRecordReader.Record r) {
    if (r != null && r.problem != null) {
      throw new IllegalArgumentException(file + ":" + r.line + ": " + r.problem);
    }
    return r == null ? null : r.text;
  }

  public static InvoicesSnapshot read(Path dir) throws IOException {
    InvoicesSnapshot s = new InvoicesSnapshot();
    for (InvoiceTable t : InvoiceTable.values()) {
      Path file = dir.resolve(t.table + ".csv");
      LinkedHashMap<String, List<String>> rows = new LinkedHashMap<>();
      try (java.io.InputStream in = Files.newInputStream(file)) {
        CsvRecordReader records = new CsvRecordReader(in, true);
        String header = text(file, records.next());
        if (header == null) {
          throw new IllegalArgumentException(file + " is empty: expected a header row");
        }
        int[] positions = CsvHeader.positions(file.toString(), CsvFields.split(header), t.columns());
        for (String record = text(file, records.next()); record != null; record = text(file, records.next())) {
          if (record.isBlank()) {
            continue;
          }
          List<String> fields = CsvFields.split(record);
          List<String> values = new ArrayList<>();
          for (int p : positions) {
            values.add(p < fields.size() ? fields.get(p) : "");
          }
          rows.put(key(t, values), values);
        }
      }
      s.tables.put(t, rows);
    }
    return s;
  }

  /** The primary key from raw values (trimmed), as {@link InvoiceTable#key} renders it. */
  static String key(InvoiceTable t, List<String> values) {
    StringBuilder key = new StringBuilder();
    for (String column : t.primaryKey) {
      if (key.length() > 0) {
        key.append('|');
      }
      String v = values.get(t.columns().indexOf(column));
      key.append(v == null ? "" : v.trim());
    }
    return key.toString();
  }

  public void write(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<InvoiceTable, LinkedHashMap<String, List<String>>> e : tables.entrySet()) {
      try (BufferedWriter out = Files.newBufferedWriter(dir.resolve(e.getKey().table + ".csv"), StandardCharsets.UTF_8)) {
        out.write(String.join(",", e.getKey().columns()));
        out.newLine();
        for (List<String> values : e.getValue().values()) {
          out.write(CsvFields.join(values));
          out.newLine();
        }
      }
    }
  }
}
