package io.tributary.tools;

import io.tributary.pipelines.invoices.InvoiceTable;

import io.tributary.transforms.io.CsvFields;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a synthetic, reproducible invoices data set in the seed's CSV layout: per account 10
 * invoices on average, 5 line items per invoice, 1000 skus; some addresses span lines and joining
 * dates use the seed's {@code d/MM/yyyy}. Invoices are issued in 2023-2024.
 */
public final class InvoicesGenerator {
  static final String[] GENDERS = {"F", "M", "O"};
  static final String[] STREETS = {"High Street", "Station Road", "Church Lane", "Mill Road", "Victoria Road"};
  static final String[] PRODUCTS = {"Brake pads", "Oil filter", "Spark plug", "Wiper blade", "Headlamp",
      "Battery", "Air filter", "Timing belt", "Clutch kit", "Radiator"};
  static final LocalDate FIRST_DAY = LocalDate.of(2023, 1, 1);
  static final int DAYS = 731;

  private final Random random;

  public InvoicesGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** Counts written, for the caller's message. */
  public static final class Counts {
    public long accounts;
    public long invoices;
    public long lineItems;
    public long skus;
  }

  public static Counts write(Path dir, int accounts, long seed) throws IOException {
    return new InvoicesGenerator(seed).writeAll(dir, accounts);
  }

  Counts writeAll(Path dir, int accounts) throws IOException {
    Files.createDirectories(dir);
    Counts counts = new Counts();
    int skus = 1000;
    List<String> skuIds = new ArrayList<>();
    try (BufferedWriter out = open(dir, InvoiceTable.SKUS)) {
      for (int i = 0; i < skus; i++) {
        Row row = sku(i);
        skuIds.add(row.values.get(0));
        line(out, row.values);
        counts.skus++;
      }
    }
    try (BufferedWriter acc = open(dir, InvoiceTable.ACCOUNTS);
        BufferedWriter inv = open(dir, InvoiceTable.INVOICES);
        BufferedWriter lines = open(dir, InvoiceTable.LINE_ITEMS)) {
      long invoiceId = 1;
      for (long a = 1; a <= accounts; a++) {
        line(acc, account(a).values);
        counts.accounts++;
        int n = random.nextInt(21); // 0..20 invoices, 10 on average
        for (int i = 0; i < n; i++, invoiceId++) {
          line(inv, invoice(invoiceId, a).values);
          counts.invoices++;
          int items = 1 + random.nextInt(9); // 1..9 line items, 5 on average, distinct skus
          java.util.Set<String> chosen = new java.util.HashSet<>();
          while (chosen.size() < items) {
            chosen.add(skuIds.get(random.nextInt(skuIds.size())));
          }
          for (String item : new java.util.TreeSet<>(chosen)) {
            line(lines, lineItem(invoiceId, item).values);
            counts.lineItems++;
          }
        }
      }
    }
    return counts;
  }

  /** Column values of one row, in its table's column order. */
  static final class Row {
    final List<String> values;

    Row(String... values) {
      this.values = new ArrayList<>(List.of(values));
    }
  }

  static String itemId(int i) {
    // ISBN-like, as in the seed: 0-19-815284-1
    return "0-" + (10 + i % 90) + "-" + String.format("%06d", 100000 + i * 7) + "-" + (i % 10);
  }

  Row sku(int i) {
    double cost = 1 + random.nextInt(20000) / 100.0;
    double retail = Math.round(cost * (1.2 + random.nextInt(80) / 100.0) * 100) / 100.0;
    return new Row(itemId(i), PRODUCTS[i % PRODUCTS.length] + " " + (i / PRODUCTS.length + 1),
        "Part " + i + ", fits most models", String.valueOf(cost), String.valueOf(retail));
  }

  Row account(long id) {
    String address = (1 + random.nextInt(200)) + " " + STREETS[random.nextInt(STREETS.length)]
        + (random.nextInt(4) == 0 ? "\nUnit " + (1 + random.nextInt(9)) + "\n" : ", ") + "Town " + random.nextInt(500);
    LocalDate joined = FIRST_DAY.minusDays(random.nextInt(3000));
    return new Row(String.valueOf(id), "Company " + id, address, "Contact " + id,
        "07" + (100000000 + random.nextInt(900000000)), GENDERS[random.nextInt(GENDERS.length)],
        joined.getDayOfMonth() + "/" + String.format("%02d", joined.getMonthValue()) + "/" + joined.getYear());
  }

  Row invoice(long id, long account) {
    return new Row(String.valueOf(id), String.valueOf(account), FIRST_DAY.plusDays(random.nextInt(DAYS)).toString());
  }

  Row lineItem(long invoice, String item) {
    return new Row(String.valueOf(invoice), item, String.valueOf(1 + random.nextInt(10)));
  }

  Random random() {
    return random;
  }

  private static BufferedWriter open(Path dir, InvoiceTable table) throws IOException {
    BufferedWriter out = Files.newBufferedWriter(dir.resolve(table.table + ".csv"), StandardCharsets.UTF_8);
    out.write(String.join(",", table.columns()));
    out.newLine();
    return out;
  }

  private static void line(BufferedWriter out, List<String> values) throws IOException {
    out.write(CsvFields.join(values));
    out.newLine();
  }
}
