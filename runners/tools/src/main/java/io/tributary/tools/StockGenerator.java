package io.tributary.tools;

import io.tributary.pipelines.stock.SupplierRule;
import io.tributary.pipelines.stock.SupplierRules;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Synthetic stock data, reproducible from a seed: {@code product.csv}, {@code store.csv} and, per
 * supplier and day, {@code stock_feed/year=/month=/day=/SUPPLIER_yyyymmdd.xlsx} in the supplier's
 * layout (from config/suppliers.yaml). About 0.5% of feed codes match no product (dead letters).
 * RTG's feed lists ~10% of the RTG store labels as out of stock.
 */
public final class StockGenerator {
  private static final String[] STORES = {"RTG", "AUTOPARTS", "CARSPARES"};
  private static final String[] WORDS = {"Brake", "Pad", "Set", "Front", "Rear", "Disc", "Filter", "Oil", "Air",
      "Clutch", "Kit", "Pump", "Water", "Shock", "Absorber", "Spring", "Coil", "Wiper", "Blade", "Lamp"};

  private StockGenerator() {}

  /** What was written. */
  public static final class Counts {
    public long products;
    public long listings;
    public long feedRows;
    public int feeds;
  }

  /**
   * @param partsPerSupplier products (and feed rows per day) of each supplier
   * @param listings store rows
   */
  public static Counts write(Path dir, SupplierRules rules, List<String> suppliers, int partsPerSupplier, long listings,
      int days, LocalDate firstDay, long seed) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(seed);
    Counts counts = new Counts();
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("product.csv"))) {
      out.write("custom_label,part_number,supplier\n");
      for (String s : suppliers) {
        if (!s.equals("RTG")) {
          for (int p = 0; p < partsPerSupplier; p++) {
            out.write(label(s, p) + "," + part(s, p) + "," + s + "\n");
            counts.products++;
          }
        }
      }
    }
    try (BufferedWriter out = Files.newBufferedWriter(dir.resolve("store.csv"))) {
      out.write("item_id,custom_label,title,current_price,prefix,uk_rtg,fps_wds_dir,payment_profile_name,"
          + "shipping_profile_name,return_profile_name,supplier,ebay_store\n");
      for (long i = 0; i < listings; i++) {
        String s = suppliers.get(random.nextInt(suppliers.size()));
        String store = s.equals("RTG") ? "RTG" : STORES[random.nextInt(STORES.length)];
        // eBay titles run to 80 characters and name the vehicles they fit: varied, like the real table.
        String title = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " "
            + WORDS[random.nextInt(WORDS.length)] + " fits " + Long.toString(random.nextLong() & 0xffffffffffL, 36)
            + " " + Integer.toString(1990 + random.nextInt(35)) + "-" + Long.toString(random.nextLong() & 0xffffffL, 36)
            + " " + s + " OE " + Long.toString(random.nextLong() & 0xfffffffffL, 36).toUpperCase();
        out.write((110000000000L + i) + "," + label(s, random.nextInt(partsPerSupplier)) + "," + title + ","
            + String.format("%.2f", 5 + random.nextInt(50000) / 100.0) + "," + s.toLowerCase() + ",UK-"
            + random.nextInt(100) + ",WDS,PayPal,Standard " + (1 + random.nextInt(3)) + "-day,30 days," + s + ","
            + store + "\n");
        counts.listings++;
      }
    }
    for (int d = 0; d < days; d++) {
      LocalDate day = firstDay.plusDays(d);
      for (String s : suppliers) {
        SupplierRule rule = rules.rule(s);
        Path file = dir.resolve(String.format("stock_feed/year=%04d/month=%02d/day=%02d/%s_%04d%02d%02d.xlsx",
            day.getYear(), day.getMonthValue(), day.getDayOfMonth(), s, day.getYear(), day.getMonthValue(),
            day.getDayOfMonth()));
        counts.feedRows += feed(file, rule, partsPerSupplier, random);
        counts.feeds++;
      }
    }
    return counts;
  }

  static String label(String supplier, int p) {
    return String.format("%s-%06d", supplier, p);
  }

  static String part(String supplier, int p) {
    return String.format("%sP%06d", supplier, p);
  }

  private static long feed(Path file, SupplierRule rule, int parts, Random random) throws IOException {
    Files.createDirectories(file.getParent());
    long rows = 0;
    try (SXSSFWorkbook wb = new SXSSFWorkbook(1000)) {
      Sheet sheet = wb.createSheet("stock");
      int r = 0;
      for (; r < rule.headerRow - 1; r++) {
        sheet.createRow(r).createCell(0).setCellValue(r == 0 ? rule.supplier + " stock report" : "");
      }
      Row header = sheet.createRow(r++);
      header.createCell(rule.codeColumn - 1).setCellValue("Code");
      if (rule.stockColumn > 0) {
        header.createCell(rule.stockColumn - 1).setCellValue("Stock");
      }
      boolean rtg = rule.quantity == SupplierRule.Quantity.RTG_INVERTED;
      for (int p = 0; p < parts; p++) {
        if (rtg && random.nextInt(10) != 0) {
          continue; // RTG lists only what is out of stock
        }
        Row row = sheet.createRow(r++);
        boolean unknown = random.nextInt(200) == 0;
        String code = rtg ? label("RTG", p) : unknown ? "UNKNOWN-" + p : part(rule.supplier, p);
        row.createCell(rule.codeColumn - 1).setCellValue(code);
        if (rule.stockColumn > 0) {
          int stock = random.nextInt(15) - 2;
          switch (rule.quantity) {
            case CONTAINS_Y:
              row.createCell(rule.stockColumn - 1).setCellValue(stock > 3 ? "Yes" : "no");
              break;
            case IN_STOCK:
              row.createCell(rule.stockColumn - 1).setCellValue(stock > 3 ? "In Stock" : "Out of stock");
              break;
            default:
              row.createCell(rule.stockColumn - 1).setCellValue(stock);
          }
        }
        rows++;
      }
      try (OutputStream out = Files.newOutputStream(file)) {
        wb.write(out);
      }
      wb.dispose();
    }
    return rows;
  }
}
