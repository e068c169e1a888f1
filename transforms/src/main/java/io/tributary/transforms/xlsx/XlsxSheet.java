package io.tributary.transforms.xlsx;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Streams the first sheet of an xlsx workbook row by row with POI's event (SAX) API, opened from a
 * file (a stream is first copied to a temporary file): memory stays flat whatever the number of rows,
 * unlike the DOM {@code XSSFWorkbook} or a package opened from a stream, which holds every part in
 * memory and fails past POI's 100 MB record limit.
 *
 * <p>Cells come as <b>stored</b>, never as displayed: a number in its canonical form (integers
 * without exponent or {@code .0}: a 12-digit part code stored as a number is {@code 400511000000},
 * not {@code 4.00511E+11}; a 6.6 formatted {@code 0} is {@code 6.6}, not 7), a date-formatted number
 * as {@code yyyy-MM-dd} (with {@code THH:mm:ss} when it has a time), text as it is, a formula as its
 * cached value, booleans as TRUE/FALSE, blank cells as "".
 *
 * <p>Refuses, each with a message that says why: zip bombs (an entry that inflates more than 100x
 * its compressed size, or past {@link #MAX_ENTRY_BYTES}), encrypted (password-protected) workbooks,
 * legacy .xls and binary .xlsb workbooks, and anything that is not a workbook.
 */
public final class XlsxSheet {
  private XlsxSheet() {}

  /** Largest uncompressed part (the sheet XML) accepted. */
  public static final long MAX_ENTRY_BYTES = 1L << 30;
  static final double MIN_INFLATE_RATIO = 0.01;
  /** Largest row, in characters of all its cells: a feed row is a few hundred. */
  public static final long MAX_ROW_CHARS = 1L << 20;

  /** Receives each non-empty row: its 1-based row number and the cells, index 0 = column A. */
  @FunctionalInterface
  public interface RowConsumer {
    void accept(int rowNumber, List<String> cells);
  }

  /** Reads the first sheet of the workbook in {@code in}; {@code name} is used in error messages. */
  public static void read(InputStream in, String name, RowConsumer rows) throws IOException {
    Path copy = Files.createTempFile("tributary-xlsx-", ".xlsx");
    try {
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      read(copy, name, rows);
    } finally {
      Files.deleteIfExists(copy);
    }
  }

  /** Reads the first sheet of the workbook file {@code file}; {@code name} is used in error messages. */
  public static void read(Path file, String name, RowConsumer rows) throws IOException {
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    refuseWhatIsNotXlsx(file, name);
    try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
      if (!pkg.getPartsByName(java.util.regex.Pattern.compile("/xl/workbook\\.bin")).isEmpty()) {
        throw new IllegalArgumentException(name + " is a binary .xlsb workbook: save it as .xlsx (Excel Workbook)");
      }
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new IllegalArgumentException(name + " has no sheet");
      }
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = SAXHelper.newXMLReader();
        parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
            new Collector(rows), new StoredValues(), false));
        parser.parse(new InputSource(sheet));
      }
    } catch (FirstRowFound stop) {
      throw stop;
    } catch (IOException | RuntimeException | OpenXML4JException | SAXException | ParserConfigurationException e) {
      throw explain(name, e);
    }
  }

  /** Looks at the first bytes: an OLE2 container is an encrypted xlsx or a legacy xls, never readable here. */
  private static void refuseWhatIsNotXlsx(Path file, String name) throws IOException {
    FileMagic magic;
    try (InputStream in = FileMagic.prepareToCheckMagic(Files.newInputStream(file))) {
      magic = FileMagic.valueOf(in);
    }
    if (magic == FileMagic.OLE2) {
      boolean encrypted;
      try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
        encrypted = fs.getRoot().hasEntry("EncryptionInfo");
      } catch (IOException | RuntimeException e) {
        encrypted = false;
      }
      throw new IllegalArgumentException(encrypted
          ? name + " is encrypted (password-protected): save it without a password to read it"
          : name + " is a legacy .xls (or other OLE2) file, not an xlsx workbook: save it as .xlsx");
    }
    if (magic != FileMagic.OOXML) {
      throw new IllegalArgumentException("cannot read " + name + " as an xlsx workbook: it is not one (found "
          + magic + " content)");
    }
  }

  /**
   * Numbers as stored, not as their cell format shows them: POI's event reader formats a numeric
   * cell through this formatter, which ignores the display format (date formats aside).
   */
  static final class StoredValues extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904) {
      if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
        java.time.LocalDateTime t = DateUtil.getLocalDateTime(value, use1904, true);
        return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate().toString() : t.toString();
      }
      return canonical(value);
    }

    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      return formatRawCellContents(value, formatIndex, formatString, false);
    }
  }

  /** A stored double in its shortest exact decimal form, no exponent, no trailing {@code .0}. */
  public static String canonical(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return String.valueOf(value);
    }
    String plain = java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    return plain.equals("-0") ? "0" : plain;
  }

  /**
   * The first non-empty row of the first sheet of an xlsx file (local or s3://): its header.
   * Stops reading there, so checking a large file's columns costs next to nothing. The row's number
   * is the first element, its cells follow.
   */
  public static List<String> firstRow(String path) {
    List<List<String>> found = new ArrayList<>();
    try {
      org.apache.beam.sdk.io.fs.ResourceId id = org.apache.beam.sdk.io.FileSystems.matchSingleFileSpec(path).resourceId();
      try (InputStream in = java.nio.channels.Channels.newInputStream(org.apache.beam.sdk.io.FileSystems.open(id))) {
        // Copied to a temporary file by read(): the header costs one copy, not the whole sheet parsed.
        read(in, path, (n, cells) -> {
          List<String> row = new ArrayList<>();
          row.add(String.valueOf(n));
          row.addAll(cells);
          found.add(row);
          throw new FirstRowFound();
        });
      }
    } catch (FirstRowFound done) {
      // read as far as needed
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(path + " is empty: expected a header row");
    }
    return found.get(0);
  }

  /** Thrown from the row callback to stop the SAX parse after the first row. */
  private static final class FirstRowFound extends RuntimeException {
    FirstRowFound() {
      super(null, null, false, false);
    }
  }

  private static RuntimeException explain(String name, Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("Zip bomb") || message.contains("exceeds the max entry size")) {
        return new IllegalArgumentException("refusing " + name + ": it inflates like a zip bomb (an entry over "
            + (MAX_ENTRY_BYTES >> 20) + " MiB or compressed more than " + (int) (1 / MIN_INFLATE_RATIO) + "x)", e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("DOCTYPE is disallowed")) {
        return new IllegalArgumentException("refusing " + name + ": its XML declares a DOCTYPE (entity expansion, an"
            + " 'XML bomb'); no spreadsheet program writes one", e);
      }
      if (message.contains("Strict OOXML")) {
        return new IllegalArgumentException(name + " is a Strict Open XML workbook, which the streaming reader cannot"
            + " read: save it as an Excel Workbook (.xlsx, not 'Strict Open XML Spreadsheet')", e);
      }
    }
    if (e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).startsWith("refusing the workbook")) {
      return new IllegalArgumentException(e.getMessage().replace("refusing the workbook", "refusing " + name), e);
    }
    if (e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).startsWith(name)) {
      return (IllegalArgumentException) e; // ours, already naming the file
    }
    return new IllegalArgumentException("cannot read " + name + " as an xlsx workbook: " + e.getMessage(), e);
  }

  private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {
    private final RowConsumer rows;
    private List<String> cells;
    private int row;

    Collector(RowConsumer rows) {
      this.rows = rows;
    }

    @Override
    public void startRow(int rowNum) {
      // A row without its r attribute comes as -1 from some writers: it follows the previous row.
      row = Math.max(rowNum + 1, row + 1);
      cells = new ArrayList<>();
    }

    @Override
    public void endRow(int rowNum) {
      long chars = 0;
      for (String c : cells) {
        chars += c.length();
      }
      if (chars > MAX_ROW_CHARS) {
        // One short shared string referenced by every cell turns a 100 KB file into gigabytes of text.
        throw new IllegalArgumentException("refusing the workbook: row " + row + " holds " + chars
            + " characters (more than " + MAX_ROW_CHARS + "), a shared-strings bomb or not a data sheet");
      }
      if (cells.stream().anyMatch(c -> !c.isBlank())) {
        rows.accept(row, cells);
      }
    }

    @Override
    public void cell(String reference, String value, XSSFComment comment) {
      int column = reference == null ? cells.size() : new CellReference(reference).getCol();
      while (cells.size() < column) {
        cells.add("");
      }
      cells.add(value == null ? "" : value);
    }
  }
}
