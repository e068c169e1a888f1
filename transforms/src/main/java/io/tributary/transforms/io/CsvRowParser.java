package io.tributary.transforms.io;

import io.tributary.transforms.deadletter.LineParser;
import io.tributary.transforms.deadletter.RowRejected;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import io.tributary.transforms.validation.DateRange;
import io.tributary.transforms.validation.Numbers;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;

/**
 * Parses a CSV record (or a spreadsheet row, see {@code ReadXlsxRows}) into a row of {@code schema},
 * field i taken from column {@code positions[i]} (as {@link CsvHeader#positions} found it). Types:
 * string (trimmed), int32, int64, double, boolean, date (yyyy-MM-dd, within a {@link DateRange}).
 * A CSV record must have as many fields as its header. An empty cell is null where
 * the field is nullable and a rejection where it is not; so is a number that does not parse. A
 * whole number written in scientific notation ({@code 1.23457E+11}, what a spreadsheet shows for a
 * 12-digit eBay item id) is rejected, not rounded: its digits are already lost.
 */
public final class CsvRowParser implements LineParser {
  private final Schema schema;
  private final int[] positions;
  private final int width;
  private final boolean exactWidth;
  private final DateRange dates;

  private CsvRowParser(Schema schema, int[] positions, int width, boolean exactWidth, DateRange dates) {
    this.schema = schema;
    this.positions = positions;
    this.width = width;
    this.exactWidth = exactWidth;
    this.dates = dates;
  }

  /** Records of a CSV file: exactly as many fields as its header has ({@code layout.width}). */
  public static CsvRowParser of(Schema schema, CsvHeader.Layout layout) {
    return of(schema, layout.positions, layout.width, true);
  }

  /**
   * Rows of a spreadsheet: a row may end early (trailing blank cells are not stored), but a
   * non-blank cell right of the header's last column ({@code headerWidth}) is rejected.
   */
  public static CsvRowParser ofSpreadsheet(Schema schema, int[] positions, int headerWidth) {
    return of(schema, positions, headerWidth, false);
  }

  private static CsvRowParser of(Schema schema, int[] positions, int width, boolean exact) {
    if (positions.length != schema.getFieldCount()) {
      throw new IllegalArgumentException("one position per field: " + schema.getFieldCount() + " fields, "
          + positions.length + " positions");
    }
    return new CsvRowParser(schema, positions, width, exact, DateRange.DEFAULT);
  }

  /** Date fields outside {@code range} are rejected (default {@link DateRange#DEFAULT}). */
  public CsvRowParser withDates(DateRange range) {
    return new CsvRowParser(schema, positions, width, exactWidth, range);
  }

  @Override
  public Row parse(SourceLine line) {
    List<String> cells = exactWidth ? LineParser.csvFields(line, width) : LineParser.csvFields(line);
    for (int i = width; i < cells.size(); i++) {
      if (!cells.get(i).isBlank()) {
        throw new RowRejected("a value in column " + (i + 1) + ", right of the header's " + width + " columns");
      }
    }
    Row.Builder row = Row.withSchema(schema);
    for (int i = 0; i < positions.length; i++) {
      Schema.Field field = schema.getField(i);
      String cell = positions[i] < cells.size() ? cells.get(positions[i]).trim() : "";
      if (cell.isEmpty()) {
        if (!field.getType().getNullable()) {
          throw new RowRejected(field.getName() + " is empty");
        }
        row.addValue(null);
      } else {
        row.addValue(value(field, cell));
      }
    }
    return row.build();
  }

  private Object value(Schema.Field field, String cell) {
    Schema.TypeName type = field.getType().getTypeName();
    try {
      switch (type) {
        case STRING:
          return cell;
        case INT32:
          return wholeNumber(field, cell).intValueExact();
        case INT64:
          return wholeNumber(field, cell).longValueExact();
        case DOUBLE:
          return Numbers.decimal(cell);
        case BOOLEAN:
          if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(cell);
          }
          throw new NumberFormatException();
        case LOGICAL_TYPE:
          return dates.check(field.getName(), LocalDate.parse(cell));
        default:
          throw new IllegalArgumentException("unsupported field type " + type + " of " + field.getName());
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw new RowRejected(field.getName() + " '" + cell + "' is not " + describe(type));
    }
  }

  private static BigDecimal wholeNumber(Schema.Field field, String cell) {
    if (cell.indexOf('E') >= 0 || cell.indexOf('e') >= 0) {
      throw new RowRejected(field.getName() + " '" + cell + "' is in scientific notation, its digits are lost: "
          + "format the column as a whole number (or export CSV)");
    }
    return Numbers.wholeAllowingZeros(cell);
  }

  private static String describe(Schema.TypeName type) {
    switch (type) {
      case INT32:
      case INT64:
        return "a whole number";
      case DOUBLE:
        return "a number";
      case BOOLEAN:
        return "true or false";
      default:
        return "a date (yyyy-MM-dd)";
    }
  }
}
