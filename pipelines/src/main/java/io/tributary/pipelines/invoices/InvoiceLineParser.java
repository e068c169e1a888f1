package io.tributary.pipelines.invoices;

import io.tributary.transforms.deadletter.LineParser;
import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.io.SourceLine;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * One CSV record of a source table to a row. {@code positions[i]} is where the table's i-th column
 * sits in the file (from its header), so files may order or add columns freely.
 */
final class InvoiceLineParser implements LineParser {
  private final InvoiceTable table;
  private final int[] positions;
  private final int width;

  InvoiceLineParser(InvoiceTable table, int[] positions) {
    this.table = table;
    this.positions = positions.clone();
    int max = 0;
    for (int p : positions) {
      max = Math.max(max, p + 1);
    }
    this.width = max;
  }

  /** For records in the table's own column order (JDBC rows). */
  static InvoiceLineParser inColumnOrder(InvoiceTable table) {
    int[] positions = new int[table.columns().size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i;
    }
    return new InvoiceLineParser(table, positions);
  }

  @Override
  public Row parse(SourceLine line) {
    List<String> fields = LineParser.csvFields(line);
    if (fields.size() < width) {
      throw new RowRejected("expected at least " + width + " columns, got " + fields.size());
    }
    List<String> values = new ArrayList<>(positions.length);
    for (int p : positions) {
      values.add(fields.get(p));
    }
    return table.parse(values);
  }
}
