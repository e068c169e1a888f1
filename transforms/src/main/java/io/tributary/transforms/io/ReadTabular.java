package io.tributary.transforms.io;

import io.tributary.transforms.deadletter.ParseWithDeadLetters;
import io.tributary.transforms.xlsx.ReadXlsxRows;
import io.tributary.transforms.xlsx.XlsxSheet;
import java.util.List;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Reads a table someone exported by hand, a {@code .csv} with a header row or an {@code .xlsx} whose
 * first non-empty row is the header, into rows of {@code schema}: columns found by name in any order
 * (checked before anything runs, naming what is missing), values parsed by {@link CsvRowParser}.
 * Output: {@link ParseWithDeadLetters#PARSED} and {@link ParseWithDeadLetters#DEAD_LETTERS}.
 */
public final class ReadTabular extends PTransform<PBegin, PCollectionTuple> {
  private final String step;
  private final String path;
  private final Schema schema;

  private ReadTabular(String step, String path, Schema schema) {
    this.step = step;
    this.path = path;
    this.schema = schema;
  }

  public static ReadTabular from(String step, String path, Schema schema) {
    return new ReadTabular(step, path, schema);
  }

  @Override
  public PCollectionTuple expand(PBegin input) {
    PCollection<SourceLine> lines;
    CsvRowParser parser;
    if (path.toLowerCase(java.util.Locale.ROOT).endsWith(".xlsx")) {
      List<String> first = XlsxSheet.firstRow(path);
      List<String> header = first.subList(1, first.size());
      parser = CsvRowParser.ofSpreadsheet(schema, CsvHeader.positions(path, header, schema.getFieldNames()),
          header.size());
      lines = input.apply("ReadXlsx", ReadXlsxRows.from(path).withHeaderRows(Integer.parseInt(first.get(0))));
    } else {
      parser = CsvRowParser.of(schema, CsvHeader.layout(path, schema.getFieldNames()));
      lines = input.apply("ReadCsv", ReadSourceLines.from(path).withHeaderRow().csvRecords());
    }
    return lines.apply("Parse", ParseWithDeadLetters.of(step, schema, parser));
  }
}
