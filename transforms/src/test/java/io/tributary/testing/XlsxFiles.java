package io.tributary.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Hand-built xlsx fixtures: each row an array of cells (a Number is a numeric cell, null a blank one). */
public final class XlsxFiles {
  private XlsxFiles() {}

  public static byte[] bytes(Object[]... rows) throws IOException {
    try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      XSSFSheet sheet = wb.createSheet();
      for (int r = 0; r < rows.length; r++) {
        XSSFRow row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          Object v = rows[r][c];
          if (v instanceof Number) {
            row.createCell(c).setCellValue(((Number) v).doubleValue());
          } else if (v != null) {
            row.createCell(c).setCellValue((String) v);
          }
        }
      }
      wb.write(out);
      return out.toByteArray();
    }
  }

  /** Writes the workbook to {@code file} (parents created) and returns the file. */
  public static Path write(Path file, Object[]... rows) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, bytes(rows));
    return file;
  }
}
