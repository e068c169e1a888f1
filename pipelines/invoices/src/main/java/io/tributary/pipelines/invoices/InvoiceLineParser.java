package io.tributary.pipelines.invoices;

import io.tributary.transforms.deadletter.LineParser;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.validation.DateRange;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.Row;

/**
 * One CSV record of a source table to a row. The layout says where the table's i-th column sits in
 * the file (from its header), so files may order or add columns freely, and how many fields every
 * record has: one more or one less is a dead letter, never a shifted or dropped value.
 */
final class InvoiceLineParser implements LineParser {
  private final InvoiceTable table;
  private final CsvHeader.Layout layout;
  private final InvoiceTable.Values from;
  private final DateRange dates;

  InvoiceLineParser(InvoiceTable table, CsvHeader.Layout layout, InvoiceTable.Values from, DateRange dates) {
    this.table = table;
    this.layout = layout;
    this.from = from;
    this.dates = dates;
  }

  /** For CSV files of the seed's format, laid out as their header says. */
  static InvoiceLineParser ofFile(InvoiceTable table, CsvHeader.Layout layout, DateRange dates) {
    return new InvoiceLineParser(table, layout, InvoiceTable.Values.FILE, dates);
  }

  /** For records in the table's own column order with typed dates (JDBC rows). */
  static InvoiceLineParser inColumnOrder(InvoiceTable table, DateRange dates) {
    return new InvoiceLineParser(table, CsvHeader.Layout.inOrder(table.columns().size()), InvoiceTable.Values.TYPED,
        dates);
  }

  @Override
  public Row parse(SourceLine line) {
    List<String> fields = LineParser.csvFields(line, layout.width);
    List<String> values = new ArrayList<>(layout.positions.length);
    for (int p : layout.positions) {
      values.add(fields.get(p));
    }
    return table.parse(values, from, dates);
  }
}
