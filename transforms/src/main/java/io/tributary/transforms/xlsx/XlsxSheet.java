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
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Streams the first sheet of an xlsx workbook row by row with POI's event (SAX) API: memory stays
 * flat whatever the number of rows, unlike the DOM {@code XSSFWorkbook}. Cells come as the text a
 * spreadsheet shows (numbers formatted, formulas as their cached value), blank cells as "".
 *
 * <p>Refuses zip bombs: an entry that inflates more than 100x its compressed size, or past
 * {@link #MAX_ENTRY_BYTES}, fails with a clear message instead of filling the memory.
 */
public final class XlsxSheet {
  private XlsxSheet() {}

  /** Largest uncompressed part (the sheet XML) accepted. */
  public static final long MAX_ENTRY_BYTES = 1L << 30;
  static final double MIN_INFLATE_RATIO = 0.01;

  /** Receives each non-empty row: its 1-based row number and the cells, index 0 = column A. */
  @FunctionalInterface
  public interface RowConsumer {
    void accept(int rowNumber, List<String> cells);
  }

  /** Reads the first sheet of the workbook in {@code in}; {@code name} is used in error messages. */
  public static void read(InputStream in, String name, RowConsumer rows) throws IOException {
    ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    try (OPCPackage pkg = OPCPackage.open(in)) {
      XSSFReader reader = new XSSFReader(pkg);
      ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        throw new IllegalArgumentException(name + " has no sheet");
      }
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = SAXHelper.newXMLReader();
        parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings,
            new Collector(rows), new DataFormatter(), false));
        parser.parse(new InputSource(sheet));
      }
    } catch (FirstRowFound stop) {
      throw stop;
    } catch (IOException | RuntimeException | OpenXML4JException | SAXException | ParserConfigurationException e) {
      throw explain(name, e);
    }
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
      row = rowNum + 1;
      cells = new ArrayList<>();
    }

    @Override
    public void endRow(int rowNum) {
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
