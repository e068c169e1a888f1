package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.io.CsvRowParser;
import io.tributary.transforms.io.SourceLine;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.junit.jupiter.api.Test;

class CsvRowParserTest {
  static final Schema SCHEMA = Schema.builder().addInt64Field("item_id").addStringField("label")
      .addNullableField("price", Schema.FieldType.DOUBLE).build();
  /** Columns of the file: label, extra, price, item_id. */
  static final CsvRowParser PARSER = CsvRowParser.of(SCHEMA, new int[] {3, 0, 2});

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
}
