package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.testing.RealInputs;
import io.tributary.transforms.xlsx.XlsxSheet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Workbooks other producers wrote (Apache POI's test data, in ../shared/real-inputs): the readable
 * ones are read as stored, the others refused with a message that says why (issue 9, items 7, 10).
 */
class RealSpreadsheetsTest {
  private static List<String> rows(String file) throws Exception {
    List<String> rows = new ArrayList<>();
    XlsxSheet.read(RealInputs.path("spreadsheets/" + file), file, (n, cells) -> rows.add(n + ":" + cells));
    return rows;
  }

  @Test
  void numericOnlySheetComesAsStoredWholeNumbers() throws Exception {
    List<String> rows = rows("57482-OnlyNumeric.xlsx");
    assertEquals(List.of("1:[1, 11]", "2:[2, 12]", "3:[3, 13]", "4:[4, 14]", "5:[5, 15]", "6:[, 16]"), rows);
  }

  @Test
  void formulasAndSheetProtectionAreRead() throws Exception {
    List<String> formulas = rows("FormulaEvalTestData_Copy.xlsx");
    assertTrue(formulas.size() > 700, "rows: " + formulas.size());
    assertTrue(formulas.stream().noneMatch(r -> r.matches(".*\\d[eE][+-]\\d.*")), "no number in exponent form");
    assertEquals(1, rows("workbookProtection-sheet_password-2013.xlsx").size(), "a sheet password protects editing only");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "protected_passtika.xlsx|is encrypted (password-protected)",
      "SampleSS.xls|is a legacy .xls",
      "Simple.xlsb|is a binary .xlsb workbook",
      "SimpleStrict.xlsx|is a Strict Open XML workbook",
      "SampleSS.strict.xlsx|is a Strict Open XML workbook",
      "poc-xmlbomb.xlsx|declares a DOCTYPE (entity expansion, an 'XML bomb')",
      "poc-xmlbomb-empty.xlsx|declares a DOCTYPE",
      "poc-shared-strings.xlsx|row 1 holds 3145728 characters",
  })
  void unreadableWorkbooksAreRefusedSayingWhy(String file, String why) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rows(file));
    assertTrue(e.getMessage().contains(file) && e.getMessage().contains(why), e.getMessage());
  }
}
