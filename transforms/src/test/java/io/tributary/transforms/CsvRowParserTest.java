package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.io.CsvRowParser;
import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.io.CsvHeader;
import io.tributary.transforms.validation.DateRange;
import java.time.LocalDate;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class CsvRowParserTest {
  static final Schema SCHEMA = Schema.builder().addInt64Field("item_id").addStringField("label")
      .addNullableField("price", Schema.FieldType.DOUBLE).build();
  /** Columns of the file: label, extra, price, item_id. */
  static final CsvRowParser PARSER = CsvRowParser.of(SCHEMA, new CsvHeader.Layout(new int[] {3, 0, 2}, 4));

  static Row parse(String text) {
    return PARSER.parse(SourceLine.of("f.csv", 2, text));
  }

  @Test
  void fieldsAreTakenByPositionAndTyped() {
    assertEquals(Row.withSchema(SCHEMA).addValues(110000000001L, "L1", 19.99).build(), parse(" L1 ,x,19.99,110000000001"));
    assertEquals(Row.withSchema(SCHEMA).addValues(110000000002L, "L2", null).build(), parse("L2,x,,110000000002.0"));
  }

  @Test
  void badValuesAreRejectedWithTheFieldNamed() {
    assertTrue(assertThrows(RowRejected.class, () -> parse(",x,1,5")).getMessage().contains("label is empty"));
    assertTrue(assertThrows(RowRejected.class, () -> parse("L,x,cheap,5")).getMessage().contains("price 'cheap'"));
    assertTrue(assertThrows(RowRejected.class, () -> parse("L,x,1,5.5")).getMessage().contains("whole number"));
    String sci = assertThrows(RowRejected.class, () -> parse("L,x,1,1.23457E+11")).getMessage();
    assertTrue(sci.contains("scientific notation"), sci);
  }

  @Test
  void aRecordWithTooFewOrTooManyColumnsIsRejected() {
    assertEquals("expected 4 columns, got 3", assertThrows(RowRejected.class, () -> parse("L1,x,19.99")).getMessage());
    assertEquals("expected 4 columns, got 5",
        assertThrows(RowRejected.class, () -> parse("L1,x,19.99,110000000001,extra")).getMessage());
  }

  @Test
  void aSpreadsheetRowMayEndEarlyButNotRunPastTheHeader() {
    CsvRowParser sheet = CsvRowParser.ofSpreadsheet(SCHEMA, new int[] {1, 0, 2}, 3);
    assertEquals(Row.withSchema(SCHEMA).addValues(7L, "L", null).build(), sheet.parse(SourceLine.of("f.xlsx", 2, "L,7")));
    assertEquals(Row.withSchema(SCHEMA).addValues(7L, "L", null).build(), sheet.parse(SourceLine.of("f.xlsx", 2, "L,7,,,")));
    assertTrue(assertThrows(RowRejected.class, () -> sheet.parse(SourceLine.of("f.xlsx", 2, "L,7,1,stray")))
        .getMessage().contains("right of the header"));
  }

  @Test
  void datesOutsideTheRangeAreRejected() {
    Schema dated = Schema.builder().addLogicalTypeField("day", org.apache.beam.sdk.schemas.logicaltypes.SqlTypes.DATE).build();
    CsvRowParser p = CsvRowParser.of(dated, CsvHeader.Layout.inOrder(1));
    assertEquals(LocalDate.of(2024, 6, 3), p.parse(SourceLine.of("f", 2, "2024-06-03")).getLogicalTypeValue("day", LocalDate.class));
    for (String bad : new String[] {"0000-01-01", "0001-01-01", "1969-12-31", "2101-01-01"}) {
      assertTrue(assertThrows(RowRejected.class, () -> p.parse(SourceLine.of("f", 2, bad))).getMessage()
          .contains("outside the valid range 1970-01-01..2100-12-31"), bad);
    }
    assertEquals(LocalDate.of(1900, 1, 1), p.withDates(DateRange.of("1900-01-01", null))
        .parse(SourceLine.of("f", 2, "1900-01-01")).getLogicalTypeValue("day", LocalDate.class));
  }
}
