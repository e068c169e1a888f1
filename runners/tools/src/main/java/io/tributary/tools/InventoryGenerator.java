package io.tributary.tools;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic car marketplace for the inventory pipeline, reproducible from a seed, in the layout
 * {@code inventory} reads: {@code vehicle/snapshot_date=D/}, {@code vehicle_history/event_date=D/},
 * {@code impressions/date=D/}, {@code leads/date=D/} and {@code zip_dma/}.
 *
 * <ul>
 *   <li>Dealers (one per 50 listings) sit in real zip codes of eight metro areas, each zip in its
 *       real DMA; listings take their dealer's zip.
 *   <li>Makes and models in a US-market-like mix (pickups, crossovers, sedans), model years
 *       2010-2025, new (25%), used (65%) and certified (10%) with prices and mileage to match.
 *   <li>About {@code listings} are active each day: a listing stays on the market for an
 *       exponentially distributed time (mean 45 days), then is sold (75%) or removed; arrivals keep
 *       the stock level. 3% of snapshot rows are {@code pending}; a sold car's snapshot row lags
 *       its history by a day; 0.5% of cars are listed twice (same VIN, another dealer).
 *   <li>Impressions per day and kind (written when not zero): search results fall with price and
 *       age on market, detail views follow search results; leads are rare, more likely for
 *       listings that get more detail views, of kinds email 40%, phone 25%, chat 15%, text 10%,
 *       wired 10%.
 *   <li>About one row in a thousand is broken (a negative price, a bad VIN) so dead letters show.
 * </ul>
 *
 * Every day's inputs cover {@code days} days ending at {@code last}; impressions and leads start
 * {@code lookbackDays} earlier, so the activity windows of the first day are complete.
 */
public final class InventoryGenerator {
  private InventoryGenerator() {}

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  /** Metro, DMA code and name, state, zip codes. */
  private static final Object[][] METROS = {
      {"501", "New York", "NY", new String[] {"10001", "10011", "10016", "10025", "10301", "11201", "11354", "11375"}},
      {"602", "Chicago", "IL", new String[] {"60601", "60614", "60625", "60637", "60647", "60657"}},
      {"803", "Los Angeles", "CA", new String[] {"90001", "90012", "90026", "90045", "90210", "91331"}},
      {"623", "Dallas-Ft. Worth", "TX", new String[] {"75201", "75204", "75219", "76102", "76109"}},
      {"524", "Atlanta", "GA", new String[] {"30303", "30308", "30318", "30339"}},
      {"618", "Houston", "TX", new String[] {"77002", "77006", "77019", "77036", "77084"}},
      {"753", "Phoenix", "AZ", new String[] {"85003", "85008", "85016", "85281"}},
      {"819", "Seattle-Tacoma", "WA", new String[] {"98101", "98103", "98109", "98402"}},
  };

  /** Make, model, body style, base price new, relative share. */
  private static final Object[][] MODELS = {
      {"Ford", "F-150", "truck", 52000, 9}, {"Chevrolet", "Silverado", "truck", 50000, 7},
      {"Toyota", "RAV4", "suv", 33000, 6}, {"Honda", "CR-V", "suv", 32000, 5}, {"Toyota", "Camry", "sedan", 28000, 5},
      {"Nissan", "Rogue", "suv", 30000, 4}, {"Jeep", "Grand Cherokee", "suv", 42000, 4}, {"Toyota", "Tacoma", "truck", 38000, 4},
      {"Honda", "Civic", "sedan", 25000, 4}, {"Tesla", "Model Y", "suv", 48000, 3}, {"Ford", "Explorer", "suv", 40000, 3},
      {"Chevrolet", "Equinox", "suv", 29000, 3}, {"Toyota", "Corolla", "sedan", 23000, 3}, {"Hyundai", "Tucson", "suv", 29000, 3},
      {"Subaru", "Outback", "wagon", 31000, 2}, {"Tesla", "Model 3", "sedan", 41000, 2}, {"BMW", "X5", "suv", 65000, 2},
      {"Jeep", "Wrangler", "suv", 38000, 2}, {"Honda", "Accord", "sedan", 29000, 2}, {"Kia", "Telluride", "suv", 40000, 2},
      {"Ram", "1500", "truck", 48000, 3}, {"Mazda", "CX-5", "suv", 30000, 2}, {"Hyundai", "Elantra", "sedan", 22000, 2},
      {"BMW", "3 Series", "sedan", 46000, 1}, {"Mercedes-Benz", "GLC", "suv", 50000, 1}, {"Volkswagen", "Jetta", "sedan", 23000, 1},
      {"Chevrolet", "Malibu", "sedan", 26000, 1}, {"Ford", "Mustang", "coupe", 36000, 1}, {"Honda", "Odyssey", "minivan", 40000, 1},
  };
  private static final String[] TRIMS = {"Base", "S", "SE", "LE", "XLE", "EX", "Sport", "Limited", "Premium", "Touring"};
  private static final String[] LEAD_KINDS = {"email", "phone", "chat", "text", "wired"};
  private static final double[] LEAD_SHARES = {0.40, 0.25, 0.15, 0.10, 0.10};
  private static final String VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
  private static final double MEAN_DAYS_ON_MARKET = 45;

  /** What was written. */
  public static final class Counts {
    public long vehicleRows;
    public long historyRows;
    public long impressionRows;
    public long leads;
    public long listings;
  }

  private static final class Listing {
    long id;
    String vin;
    long dealer;
    String zip;
    int model;
    int year;
    String trim;
    String stock;
    double price;
    long mileage;
    LocalDateTime listedAt;
    LocalDateTime updatedAt;
    LocalDate end;
    boolean sold;
    boolean pending;
    double appeal;
  }

  public static Counts write(Path out, long listings, int days, LocalDate last, int lookbackDays, long seed)
      throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Counts counts = new Counts();
    LocalDate first = last.minusDays(days - 1L);
    LocalDate start = first.minusDays(lookbackDays);
    List<String[]> zips = new ArrayList<>();
    for (Object[] metro : METROS) {
      for (String zip : (String[]) metro[3]) {
        zips.add(new String[] {zip, (String) metro[0], (String) metro[1], (String) metro[2]});
      }
    }
    long dealers = Math.max(1, listings / 50);
    String[] dealerZip = new String[(int) dealers];
    for (int d = 0; d < dealers; d++) {
      dealerZip[d] = zips.get(random.nextInt(zips.size()))[0];
    }
    int totalShare = 0;
    for (Object[] m : MODELS) {
      totalShare += (int) m[4];
    }

    // The stock at `start` (listed up to 90 days before) and arrivals each day after it.
    List<Listing> all = new ArrayList<>();
    long nextId = 1_000_000;
    for (long i = 0; i < listings; i++) {
      all.add(listing(random, nextId++, start.minusDays(random.nextInt(90)), dealers, dealerZip, totalShare, start));
    }
    long arrivalsPerDay = Math.round(listings / MEAN_DAYS_ON_MARKET);
    for (LocalDate d = start.plusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
      for (long i = 0; i < arrivalsPerDay; i++) {
        all.add(listing(random, nextId++, d, dealers, dealerZip, totalShare, d));
      }
    }
    // A few cars listed twice: another dealer, the same VIN, a little later.
    int twice = (int) (all.size() * 0.005);
    for (int i = 0; i < twice; i++) {
      Listing original = all.get(random.nextInt(all.size()));
      Listing copy = listing(random, nextId++, original.listedAt.toLocalDate().plusDays(random.nextInt(5)), dealers,
          dealerZip, totalShare, start);
      copy.vin = original.vin;
      copy.model = original.model;
      copy.year = original.year;
      all.add(copy);
    }
    counts.listings = all.size();

    writeZipDma(out, zips);
    String vehicleHeader = "listing_id,vin,dealer_id,zip_code,make,model,model_year,trim,body_style,stock_type,price,"
        + "mileage,listed_at,status,updated_at";
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
      try (BufferedWriter w = writer(out.resolve("vehicle/snapshot_date=" + day + "/part-0.csv"), vehicleHeader)) {
        for (Listing l : all) {
          LocalDate listed = l.listedAt.toLocalDate();
          // A sold car's snapshot row lags its history by a day.
          if (listed.isAfter(day) || !day.isBefore(l.end.plusDays(l.sold ? 1 : 0))) {
            continue;
          }
          w.write(vehicleRow(random, l, day));
          counts.vehicleRows++;
        }
      }
    }
    writeHistory(out, all, start, last, counts);
    writeActivity(out, random, all, start, last, counts);
    return counts;
  }

  private static Listing listing(SplittableRandom random, long id, LocalDate listed, long dealers, String[] dealerZip,
      int totalShare, LocalDate earliestEnd) {
    Listing l = new Listing();
    l.id = id;
    StringBuilder vin = new StringBuilder(17);
    for (int i = 0; i < 17; i++) {
      vin.append(VIN_CHARS.charAt(random.nextInt(VIN_CHARS.length())));
    }
    l.vin = vin.toString();
    l.dealer = random.nextLong(dealers);
    l.zip = dealerZip[(int) l.dealer];
    int pick = random.nextInt(totalShare);
    for (int m = 0; m < MODELS.length; m++) {
      pick -= (int) MODELS[m][4];
      if (pick < 0) {
        l.model = m;
        break;
      }
    }
    double kind = random.nextDouble();
    l.stock = kind < 0.25 ? "new" : kind < 0.90 ? "used" : "cpo";
    int age = l.stock.equals("new") ? random.nextInt(2) : 1 + random.nextInt(12);
    l.year = Math.min(2025, listed.getYear() + 1 - age);
    double base = ((Number) MODELS[l.model][3]).doubleValue();
    l.price = Math.round(base * Math.pow(0.87, age) * (0.85 + 0.3 * random.nextDouble()) / 10) * 10.0;
    l.mileage = l.stock.equals("new") ? random.nextInt(50) : (long) (age * (9000 + random.nextInt(6000)));
    l.trim = TRIMS[random.nextInt(TRIMS.length)];
    l.listedAt = listed.atTime(8 + random.nextInt(10), random.nextInt(60), random.nextInt(60));
    l.updatedAt = l.listedAt;
    long stay = 1 + (long) (-Math.log(1 - random.nextDouble()) * MEAN_DAYS_ON_MARKET);
    l.end = listed.plusDays(stay);
    if (l.end.isBefore(earliestEnd)) {
      l.end = earliestEnd.plusDays(1 + random.nextInt(30));
    }
    l.sold = random.nextDouble() < 0.75;
    l.pending = random.nextDouble() < 0.03;
    l.appeal = 0.5 + random.nextDouble();
    return l;
  }

  private static String vehicleRow(SplittableRandom random, Listing l, LocalDate day) {
    Object[] m = MODELS[l.model];
    String price = money(l.price);
    String vin = l.vin;
    double broken = random.nextDouble();
    if (broken < 0.0005) {
      price = "-" + price;
    } else if (broken < 0.001) {
      vin = vin.substring(0, 16);
    }
    return l.id + "," + vin + "," + (l.dealer + 1) + "," + l.zip + "," + m[0] + "," + m[1] + "," + l.year + "," + l.trim + ","
        + m[2] + "," + l.stock + "," + price + "," + l.mileage + "," + TIME.format(l.listedAt) + ","
        + (l.pending ? "pending" : "active") + "," + TIME.format(l.updatedAt) + "\n";
  }

  private static String money(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f", v);
  }

  private static void writeHistory(Path out, List<Listing> all, LocalDate start, LocalDate last, Counts counts)
      throws IOException {
    String header = "listing_id,vin,event_at,event,price";
    java.util.Map<LocalDate, List<String>> byDay = new java.util.TreeMap<>();
    for (Listing l : all) {
      LocalDate listed = l.listedAt.toLocalDate();
      if (!listed.isAfter(last)) {
        byDay.computeIfAbsent(listed, d -> new ArrayList<>()).add(l.id + "," + l.vin + "," + TIME.format(l.listedAt)
            + ",listed," + money(l.price) + "\n");
      }
      if (!l.end.isAfter(last)) {
        byDay.computeIfAbsent(l.end, d -> new ArrayList<>()).add(l.id + "," + l.vin + ","
            + TIME.format(l.end.atTime(17, 0)) + "," + (l.sold ? "sold" : "removed") + ",\n");
      }
    }
    for (java.util.Map.Entry<LocalDate, List<String>> day : byDay.entrySet()) {
      try (BufferedWriter w = writer(out.resolve("vehicle_history/event_date=" + day.getKey() + "/part-0.csv"), header)) {
        for (String line : day.getValue()) {
          w.write(line);
          counts.historyRows++;
        }
      }
    }
  }

  private static void writeActivity(Path out, SplittableRandom random, List<Listing> all, LocalDate start, LocalDate last,
      Counts counts) throws IOException {
    long leadId = 1;
    for (LocalDate day = start; !day.isAfter(last); day = day.plusDays(1)) {
      try (BufferedWriter imp = writer(out.resolve("impressions/date=" + day + "/part-0.csv"), "listing_id,date,kind,count");
          BufferedWriter leads = writer(out.resolve("leads/date=" + day + "/part-0.csv"), "lead_id,listing_id,created_at,kind")) {
        for (Listing l : all) {
          LocalDate listed = l.listedAt.toLocalDate();
          if (listed.isAfter(day) || !day.isBefore(l.end)) {
            continue;
          }
          long age = java.time.temporal.ChronoUnit.DAYS.between(listed, day);
          // Cheaper and fresher listings show up in more searches.
          double srp = 60 * l.appeal * Math.sqrt(30000 / Math.max(2000, l.price)) * Math.exp(-age / 60.0);
          long srpCount = poissonish(random, srp);
          long vdp = poissonish(random, srpCount * 0.08 * l.appeal);
          long[] kinds = {srpCount, vdp, poissonish(random, vdp * 0.5), poissonish(random, vdp * 0.03),
              poissonish(random, vdp * 0.01)};
          String[] names = {"srp", "vdp", "photo_view", "save", "share"};
          for (int k = 0; k < kinds.length; k++) {
            if (kinds[k] > 0) {
              imp.write(l.id + "," + day + "," + names[k] + "," + kinds[k] + "\n");
              counts.impressionRows++;
            }
          }
          if (random.nextDouble() < Math.min(0.5, 0.01 * vdp)) {
            double pick = random.nextDouble();
            int kind = 0;
            while (kind < LEAD_SHARES.length - 1 && pick >= LEAD_SHARES[kind]) {
              pick -= LEAD_SHARES[kind];
              kind++;
            }
            leads.write(leadId++ + "," + l.id + "," + TIME.format(day.atTime(7 + random.nextInt(15), random.nextInt(60), 0))
                + "," + LEAD_KINDS[kind] + "\n");
            counts.leads++;
          }
        }
      }
    }
  }

  /** A count around {@code mean}: its integer part plus one with the probability of the fraction, times noise. */
  private static long poissonish(SplittableRandom random, double mean) {
    double m = mean * (0.7 + 0.6 * random.nextDouble());
    long whole = (long) m;
    return whole + (random.nextDouble() < m - whole ? 1 : 0);
  }

  private static void writeZipDma(Path out, List<String[]> zips) throws IOException {
    try (BufferedWriter w = writer(out.resolve("zip_dma/zip_dma.csv"), "zip_code,dma_code,dma_name,state")) {
      for (String[] z : zips) {
        w.write(z[0] + "," + z[1] + "," + z[2] + "," + z[3] + "\n");
      }
    }
  }

  private static BufferedWriter writer(Path file, String header) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    w.write(header);
    w.write('\n');
    return w;
  }
}
