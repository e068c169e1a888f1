package io.tributary.pipelines.stock;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Supplier and day of a stock feed from the seed's key layout
 * {@code stock_feed/year=YYYY/month=MM/day=DD/{SUPPLIER}_*.xlsx}; flags win over the path.
 */
public final class FeedFile {
  private static final Pattern LAYOUT = Pattern.compile(
      ".*year=(\\d{4})/month=(\\d{1,2})/day=(\\d{1,2})/([A-Za-z0-9]+)_[^/]*\\.xlsx$");
  private static final Pattern NAME = Pattern.compile("(?:.*/)?([A-Za-z0-9]+)_[^/]*\\.xlsx$");

  public final String supplier;
  public final LocalDate date;

  private FeedFile(String supplier, LocalDate date) {
    this.supplier = supplier;
    this.date = date;
  }

  /** The day the path names; an impossible one (month=13, day=30 in February, year=0000) names the path. */
  private static LocalDate pathDate(String path, Matcher layout) {
    LocalDate d;
    try {
      d = LocalDate.of(Integer.parseInt(layout.group(1)), Integer.parseInt(layout.group(2)),
          Integer.parseInt(layout.group(3)));
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("the feed path " + path + " names no real day (year=" + layout.group(1)
          + "/month=" + layout.group(2) + "/day=" + layout.group(3) + "): " + e.getMessage());
    }
    if (!io.tributary.transforms.validation.DateRange.DEFAULT.contains(d)) {
      throw new IllegalArgumentException("the feed path " + path + " names " + d + ", outside the valid range "
          + io.tributary.transforms.validation.DateRange.DEFAULT + ": pass --date to override");
    }
    return d;
  }

  /** {@code supplier}/{@code date} when given, else read from {@code path}; a clear error when neither says. */
  public static FeedFile of(String path, String supplier, LocalDate date) {
    Matcher layout = LAYOUT.matcher(path);
    Matcher name = NAME.matcher(path);
    String s = supplier != null ? supplier : layout.matches() ? layout.group(4) : name.matches() ? name.group(1) : null;
    LocalDate d = date != null ? date : layout.matches() ? pathDate(path, layout) : null;
    if (s == null || d == null) {
      throw new IllegalArgumentException("cannot tell the " + (s == null ? "supplier" : "date") + " of " + path
          + ": name it stock_feed/year=YYYY/month=MM/day=DD/SUPPLIER_*.xlsx or pass --supplier and --date");
    }
    return new FeedFile(s.toUpperCase(java.util.Locale.ROOT), d);
  }
}
