package io.tributary.transforms.io;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes rows as one CSV file with a header of the schema's field names, for BI tools and
 * spreadsheets: dates ISO, decimals plain, RFC 4180 quoting, nulls empty. One file ({@code path}),
 * so meant for report-sized outputs.
 */
public final class WriteCsv extends PTransform<PCollection<Row>, PDone> {
  private final String path;

  private WriteCsv(String path) {
    this.path = path;
  }

  /** {@code path} is the file to write, e.g. {@code lake/exports/x/as_of=D/x.csv}. */
  public static WriteCsv to(String path) {
    return new WriteCsv(path);
  }

  public static String line(Row row) {
    List<String> values = new ArrayList<>(row.getFieldCount());
    for (Object v : row.getValues()) {
      values.add(v == null ? "" : v instanceof BigDecimal ? ((BigDecimal) v).toPlainString() : v.toString());
    }
    return CsvFields.join(values);
  }

  @Override
  public PDone expand(PCollection<Row> rows) {
    String header = CsvFields.join(rows.getSchema().getFieldNames());
    return rows
        .apply("ToCsv", MapElements.into(TypeDescriptors.strings()).via(WriteCsv::line))
        .apply("Write", TextIO.write().to(path).withoutSharding().withHeader(header));
  }
}
