package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.transforms.io.CsvFields;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFieldsTest {
  @Test
  void splitsPlainAndQuotedFields() {
    assertEquals(List.of("a", "b,c", "say \"hi\"", ""), CsvFields.split("a,\"b,c\",\"say \"\"hi\"\"\","));
  }

  @Test
  void joinQuotesOnlyWhereNeeded() {
    assertEquals("a,\"b,c\",\"x\"\"y\",", CsvFields.join(java.util.Arrays.asList("a", "b,c", "x\"y", null)));
  }

  @Test
  void joinThenSplitIsIdentity() {
    List<String> fields = List.of("Turin", "POINT (7.6 45.0)", "a,\"b\"", "");
    assertEquals(fields, CsvFields.split(CsvFields.join(fields)));
  }

  @Test
  void unterminatedQuoteIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> CsvFields.split("a,\"b"));
  }
}
