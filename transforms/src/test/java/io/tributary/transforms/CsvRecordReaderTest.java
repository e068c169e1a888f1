package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.io.CsvFields;
import io.tributary.transforms.io.CsvRecordReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records out of hostile bytes: broken quoting, invalid UTF-8, over-long lines (issue 9, items 5 and 6). */
class CsvRecordReaderTest {
  private static List<String> read(byte[] bytes, int max) throws IOException {
    CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(bytes), true, max);
    List<String> out = new ArrayList<>();
    for (CsvRecordReader.Record r = reader.next(); r != null; r = reader.next()) {
      out.add(r.line + (r.problem == null ? " " : " ! ") + r.text);
    }
    return out;
  }

  private static List<String> read(String text, int max) throws IOException {
    return read(text.getBytes(StandardCharsets.UTF_8), max);
  }

  @Test
  void quotedFieldsSpanLinesAndCrLfAndBomAreHandled() throws IOException {
    assertEquals(List.of("1 a,b", "2 1,\"x\ny\",z", "4 5\" screen,ok", "5 last"),
        read("\uFEFFa,b\r\n1,\"x\ny\",z\n5\" screen,ok\nlast", 1 << 20));
  }

  @Test
  void aStrayQuoteCostsItsLineOnlyAtTheEndOfInput() throws IOException {
    assertEquals(List.of("1 a", "2 ! \"b", "3 c", "4 d"), read("a\n\"b\nc\nd\n", 1 << 20));
  }

  @Test
  void aStrayQuoteClosedByALaterQuotedFieldCostsItsLineOnly() throws IOException {
    assertEquals(List.of("1 ! 1,\"stray", "2 2,plain", "3 3,\"a \"\"b\"\"\",x", "4 4,\"two\nlines\",y"),
        read("1,\"stray\n2,plain\n3,\"a \"\"b\"\"\",x\n4,\"two\nlines\",y\n", 1 << 20));
  }

  @Test
  void aQuoteLeftOpenPastTheBoundCostsItsLineOnly() throws IOException {
    StringBuilder text = new StringBuilder("x,\"open\n");
    for (int i = 0; i < 10; i++) {
      text.append("row").append(i).append('\n');
    }
    text.append("y,\"two\nlines\"\n");
    List<String> records = read(text.toString(), 30);
    assertEquals(12, records.size(), records.toString());
    assertEquals("1 ! x,\"open", records.get(0));
    assertEquals("2 row0", records.get(1));
    assertEquals("12 y,\"two\nlines\"", records.get(11));
  }

  @Test
  void invalidUtf8IsAProblemWithTheBytesEscaped() throws IOException {
    byte[] bytes = {'a', ',', (byte) 0xC3, '(', ',', '\\', '\n', 'o', 'k', '\n'};
    CsvRecordReader reader = new CsvRecordReader(new ByteArrayInputStream(bytes), true);
    CsvRecordReader.Record bad = reader.next();
    assertEquals("a,\\xC3(,\\\\", bad.text);
    assertTrue(bad.problem.startsWith("invalid UTF-8 on line 1"), bad.problem);
    CsvRecordReader.Record ok = reader.next();
    assertEquals("ok", ok.text);
    assertNull(ok.problem);
    assertNull(reader.next());
  }

  @Test
  void anOverLongLineIsAProblemAndReadingGoesOn() throws IOException {
    List<String> records = read("short\n" + "x".repeat(100) + "\nnext\n", 50);
    assertEquals("1 short", records.get(0));
    assertTrue(records.get(1).startsWith("2 ! xxxx") && records.get(1).endsWith("[100 bytes]"), records.get(1));
    assertEquals("3 next", records.get(2));
  }

  @Test
  void splitIsStrictAboutQuotes() {
    assertEquals(List.of("a,b", "c\"d", ""), CsvFields.split("\"a,b\",\"c\"\"d\","));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvFields.split("\"a\"b,c")).getMessage()
        .contains("after the closing quote"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvFields.split("ab\"c\",d")).getMessage()
        .contains("quote inside unquoted field 1"));
    assertThrows(IllegalArgumentException.class, () -> CsvFields.split("\"open"));
  }
}
