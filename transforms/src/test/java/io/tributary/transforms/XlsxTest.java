package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.io.SourceLine;
import io.tributary.transforms.xlsx.ReadXlsxRows;
import io.tributary.transforms.xlsx.XlsxSheet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.tributary.testing.TestPipelineExtension;
import org.junit.jupiter.api.io.TempDir;

public class XlsxTest {
  public final transient TestPipeline pipeline = TestPipeline.create();
  @RegisterExtension final transient TestPipelineExtension rule = TestPipelineExtension.of(pipeline);
  @TempDir java.nio.file.Path folder;

  /** A workbook built cell by cell: text, integers, a decimal, a formula, a gap and blank rows. */
  static byte[] workbook() throws Exception {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = wb.createSheet("Stock");
      XSSFRow header = sheet.createRow(0);
      header.createCell(0).setCellValue("Code");
      header.createCell(1).setCellValue("Qty");
      XSSFRow a = sheet.createRow(1);
      a.createCell(0).setCellValue("AB-1");
      a.createCell(1).setCellValue(7);
      XSSFRow b = sheet.createRow(3); // row 3 (index 2) left empty
      b.createCell(0).setCellValue(12345);
      b.createCell(2).setCellValue("Y"); // column B blank
      XSSFRow c = sheet.createRow(4);
      c.createCell(0).setCellValue("C");
      c.createCell(1).setCellFormula("2*3");
      wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
      wb.createSheet("Ignored").createRow(0).createCell(0).setCellValue("not read");
      wb.write(out);
      return out.toByteArray();
    }
  }

  @Test
  public void streamsTheFirstSheetWithRowNumbersAndShownValues() throws Exception {
    List<String> rows = new ArrayList<>();
    XlsxSheet.read(new ByteArrayInputStream(workbook()), "w.xlsx", (row, cells) -> rows.add(row + ":" + cells));
    assertEquals(Arrays.asList("1:[Code, Qty]", "2:[AB-1, 7]", "4:[12345, , Y]", "5:[C, 6]"), rows);
  }

  @Test
  public void readsFilesAsSourceLines() throws Exception {
    Path file = folder.resolve("BET_1.xlsx");
    Files.write(file, workbook());
    String f = file.toString();
    PCollection<SourceLine> lines = pipeline.apply(ReadXlsxRows.from(f));
    PAssert.that(lines).containsInAnyOrder(SourceLine.of(f, 1, "Code,Qty"), SourceLine.of(f, 2, "AB-1,7"),
        SourceLine.of(f, 4, "12345,,Y"), SourceLine.of(f, 5, "C,6"));
    pipeline.run();
  }

  @Test
  public void refusesAZipBomb() throws Exception {
    // The same workbook with its sheet XML padded by 64 MiB of spaces: a tiny file that inflates 1000x.
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook()));
        ZipOutputStream out = new ZipOutputStream(bomb)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        out.putNextEntry(new ZipEntry(e.getName()));
        byte[] content = in.readAllBytes();
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          String xml = new String(content, "UTF-8");
          int at = xml.indexOf("<sheetData>");
          out.write(xml.substring(0, at).getBytes("UTF-8"));
          byte[] spaces = new byte[1 << 20];
          Arrays.fill(spaces, (byte) ' ');
          for (int i = 0; i < 64; i++) {
            out.write(spaces);
          }
          out.write(xml.substring(at).getBytes("UTF-8"));
        } else {
          out.write(content);
        }
        out.closeEntry();
      }
    }
    assertTrue(bomb.size() < 1 << 20, "the bomb is small: " + bomb.size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> XlsxSheet.read(new ByteArrayInputStream(bomb.toByteArray()), "bomb.xlsx", (r, c) -> { }));
    assertTrue(e.getMessage().startsWith("refusing bomb.xlsx: it inflates like a zip bomb"), e.getMessage());
  }

  @Test
  public void notAWorkbookIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> XlsxSheet.read(new ByteArrayInputStream("a,b\n".getBytes()), "feed.csv", (r, c) -> { }));
    assertTrue(e.getMessage().startsWith("cannot read feed.csv as an xlsx workbook"), e.getMessage());
  }

}
