package io.tributary.pipelines.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.xlsx.XlsxSheet;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped config/suppliers.yaml applied to hand-built xlsx feeds, one per kind of rule: each
 * expected quantity is written next to its row.
 */
class SupplierRulesTest {
  static final SupplierRules RULES = SupplierRules.load(io.tributary.testing.Checkout.path("config/suppliers.yaml"));

  /** An xlsx with the given rows (null = a blank cell), read back through the streaming reader. */
  static List<List<String>> feed(Object[]... rows) throws Exception {
    byte[] bytes = io.tributary.testing.XlsxFiles.bytes(rows);
    List<List<String>> read = new ArrayList<>();
    XlsxSheet.read(new ByteArrayInputStream(bytes), "feed.xlsx", (n, cells) -> {
      List<String> withNumber = new ArrayList<>();
      withNumber.add(String.valueOf(n));
      withNumber.addAll(cells);
      read.add(withNumber);
    });
    return read;
  }

  /** "code=quantity" for every non-header row, under {@code supplier}'s rule. */
  static List<String> apply(String supplier, List<List<String>> rows) {
    SupplierRule rule = RULES.rule(supplier);
    List<String> out = new ArrayList<>();
    for (List<String> row : rows) {
      int number = Integer.parseInt(row.get(0));
      List<String> cells = row.subList(1, row.size());
      if (!rule.isHeader(number)) {
        out.add(rule.code(cells) + "=" + rule.quantity(cells));
      }
    }
    return out;
  }

  @Test
  void numericStockIsClampedToZeroToTen() throws Exception {
    List<List<String>> rows = feed(new Object[] {"Code", "Stock"},
        new Object[] {"A1", 5}, new Object[] {"A2", 15}, new Object[] {"A3", -3}, new Object[] {"A4", "n/a"},
        new Object[] {"A5", null, "x"}, new Object[] {" A6 ", 7.9});
    assertEquals(List.of("A1=5", "A2=10", "A3=0", "A4=0", "A5=0", "A6=7"), apply("BET", rows));
  }

  @Test
  void stockColumnFollowsTheSupplier() throws Exception {
    List<List<String>> rows = feed(new Object[] {"Code", "B", "C", "D"}, new Object[] {"P1", 1, 2, 3});
    assertEquals(List.of("P1=1"), apply("JUR", rows));
    assertEquals(List.of("P1=2"), apply("MOT", rows));
    assertEquals(List.of("P1=3"), apply("ELR", rows));
  }

  @Test
  void faiHasItsHeaderOnRowFive() throws Exception {
    List<List<String>> rows = feed(new Object[] {"FAI stock report"}, new Object[] {"printed", "today"},
        new Object[] {"page 1"}, new Object[] {null}, new Object[] {"Code", "Qty"}, new Object[] {"F1", 3},
        new Object[] {"F2", 12});
    assertEquals(List.of("F1=3", "F2=10"), apply("FAI", rows));
  }

  @Test
  void yesAndInStockTextRules() throws Exception {
    List<List<String>> yes = feed(new Object[] {"Code", "Avail"}, new Object[] {"Y1", "Y"},
        new Object[] {"Y2", "yes"}, new Object[] {"Y3", "No"}, new Object[] {"Y4", null});
    assertEquals(List.of("Y1=10", "Y2=10", "Y3=0", "Y4=0"), apply("KYB", yes));
    List<List<String>> rol = feed(new Object[] {"Code", "x", "Status"}, new Object[] {"R1", "", "In Stock"},
        new Object[] {"R2", "", "Out of stock"}, new Object[] {"R3", "", "IN STOCK soon"});
    // The whole value, not a substring (issue 9): "IN STOCK soon" is not an accepted value.
    assertEquals(List.of("R1=10", "R2=0", "R3=0"), apply("ROL", rol));
  }

  @Test
  void smpIsAlwaysTenKlaAsGivenRtgCodesNormalised() throws Exception {
    assertEquals(List.of("S1=10"), apply("SMP", feed(new Object[] {"Code"}, new Object[] {"S1"})));
    assertEquals(List.of("K1=25", "K2=0"), apply("KLA", feed(new Object[] {"Code", "Qty"},
        new Object[] {"K1", 25}, new Object[] {"K2", 0})));
    RowRejected notANumber = assertThrows(RowRejected.class,
        () -> apply("KLA", feed(new Object[] {"Code", "Qty"}, new Object[] {"K3", "lots"})));
    assertEquals("stock 'lots' in column 2 is not a number", notANumber.getMessage());
    assertEquals(List.of("AB-1=0"), apply("RTG", feed(new Object[] {"Label"}, new Object[] {" ab-1 "})));
  }

  @Test
  void unknownSupplierNamesTheConfigFile() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RULES.rule("XYZ"));
    assertTrue(e.getMessage().startsWith("no feed rule for supplier 'XYZ' in " + io.tributary.testing.Checkout.path("config/suppliers.yaml")), e.getMessage());
  }

  @Test
  void supplierAndDayFromTheSeedLayoutFlagsWin() {
    FeedFile f = FeedFile.of("s3://b/stock_feed/year=2024/month=03/day=07/BET_stock.xlsx", null, null);
    assertEquals("BET", f.supplier);
    assertEquals(LocalDate.of(2024, 3, 7), f.date);
    FeedFile flagged = FeedFile.of("/tmp/bet_stock.xlsx", "COM", LocalDate.of(2024, 1, 2));
    assertEquals("COM", flagged.supplier);
    assertEquals("BET", FeedFile.of("/tmp/bet_stock.xlsx", null, LocalDate.of(2024, 1, 2)).supplier);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> FeedFile.of("/tmp/feed.xlsx", null, null))
        .getMessage().startsWith("cannot tell the supplier of /tmp/feed.xlsx"));
  }

  /** Issue 9, item 11: impossible days in the key path are clear errors naming the path. */
  @Test
  void impossibleDaysInTheFeedPathNameThePath() {
    for (String bad : new String[] {"year=2024/month=13/day=01", "year=2023/month=02/day=30", "year=0000/month=01/day=01"}) {
      String path = "s3://b/stock_feed/" + bad + "/BET_stock.xlsx";
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeedFile.of(path, null, null));
      assertTrue(e.getMessage().startsWith("the feed path " + path), e.getMessage());
    }
  }

  /** Issue 9, item 7: cells as stored, not as displayed; whole-value in-stock match; rounding down. */
  @Test
  void cellsAreReadAsStoredAndInStockIsTheWholeValue() throws Exception {
    byte[] bytes;
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
      org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet();
      org.apache.poi.ss.usermodel.CellStyle whole = wb.createCellStyle();
      whole.setDataFormat(wb.createDataFormat().getFormat("0"));
      sheet.createRow(0).createCell(0).setCellValue("Code");
      org.apache.poi.ss.usermodel.Row a = sheet.createRow(1);
      a.createCell(0).setCellValue(400511000000.0); // General: Excel shows 4.00511E+11
      a.createCell(1).setCellValue(6.6);
      a.getCell(1).setCellStyle(whole);              // shown as 7
      org.apache.poi.ss.usermodel.Row b = sheet.createRow(2);
      b.createCell(0).setCellValue("B2");
      b.createCell(1).setCellValue(6.6);             // shown as 6.6
      wb.write(out);
      bytes = out.toByteArray();
    }
    List<List<String>> read = new ArrayList<>();
    XlsxSheet.read(new ByteArrayInputStream(bytes), "feed.xlsx", (n, cells) -> {
      List<String> row = new ArrayList<>(List.of(String.valueOf(n)));
      row.addAll(cells);
      read.add(row);
    });
    assertEquals(List.of("2", "400511000000", "6.6"), read.get(1));
    assertEquals(List.of("400511000000=6", "B2=6"), apply("BET", read));

    List<List<String>> rol = feed(new Object[] {"Code", "x", "Status"}, new Object[] {"R1", "", "Not in stock"},
        new Object[] {"R2", "", " IN STOCK "}, new Object[] {"R3", "", "in stock soon"});
    assertEquals(List.of("R1=0", "R2=10", "R3=0"), apply("ROL", rol));
  }
}
