package io.tributary.pipelines.inventory;

import io.tributary.transforms.deadletter.RowRejected;
import io.tributary.transforms.validation.DateRange;
import io.tributary.transforms.validation.Numbers;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.regex.Pattern;
import org.joda.time.Instant;

/**
 * The one accepted format of each kind of inventory cell, each failing with a reason that names the
 * column and the value: whole numbers (ASCII digits), money ({@code 12345} or {@code 12345.6} or
 * {@code 12345.67}, never negative), instants ({@code yyyy-MM-dd HH:mm:ss}, UTC), days
 * ({@code yyyy-MM-dd}), VINs (17 characters, digits and capitals without I, O, Q), US zip codes
 * (5 digits), words from a fixed list, and text (not empty, no control characters).
 */
final class Cells {
  private Cells() {}

  static final String INSTANT_PATTERN = "uuuu-MM-dd HH:mm:ss";
  private static final DateTimeFormatter INSTANT =
      DateTimeFormatter.ofPattern(INSTANT_PATTERN).withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern MONEY = Pattern.compile("[0-9]{1,9}(\\.[0-9]{1,2})?");
  private static final Pattern VIN = Pattern.compile("[A-HJ-NPR-Z0-9]{17}");
  private static final Pattern ZIP = Pattern.compile("[0-9]{5}");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  static long whole(String column, String cell, long min, long max) {
    long v;
    try {
      v = Numbers.whole(cell);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new RowRejected(column + " '" + cell + "' is not a whole number");
    }
    if (v < min || v > max) {
      throw new RowRejected(column + " " + v + " is outside " + min + ".." + max);
    }
    return v;
  }

  static double money(String column, String cell) {
    if (cell.startsWith("-")) {
      throw new RowRejected(column + " '" + cell + "' is negative");
    }
    if (!MONEY.matcher(cell).matches()) {
      throw new RowRejected(column + " '" + cell + "' is not an amount (digits, at most two decimals)");
    }
    return Double.parseDouble(cell);
  }

  static Instant instant(String column, String cell, DateRange range) {
    LocalDateTime t;
    try {
      t = LocalDateTime.parse(cell, INSTANT);
    } catch (DateTimeParseException e) {
      throw new RowRejected(column + " '" + cell + "' is not a time (" + "yyyy-MM-dd HH:mm:ss, UTC)");
    }
    range.check(column, t.toLocalDate());
    return new Instant(t.toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  static LocalDate day(String column, String cell, DateRange range) {
    try {
      return range.check(column, LocalDate.parse(cell));
    } catch (DateTimeParseException e) {
      throw new RowRejected(column + " '" + cell + "' is not a date (yyyy-MM-dd)");
    }
  }

  static String vin(String cell) {
    if (!VIN.matcher(cell).matches()) {
      throw new RowRejected("vin '" + cell + "' is not a VIN (17 characters: digits and capitals except I, O, Q)");
    }
    return cell;
  }

  static String zip(String cell) {
    if (!ZIP.matcher(cell).matches()) {
      throw new RowRejected("zip_code '" + cell + "' is not a 5-digit zip code");
    }
    return cell;
  }

  static String oneOf(String column, String cell, List<String> allowed) {
    if (!allowed.contains(cell)) {
      throw new RowRejected("unknown " + column + " '" + cell + "' (known: " + String.join(", ", allowed) + ")");
    }
    return cell;
  }

  static String text(String column, String cell) {
    if (cell.isEmpty()) {
      throw new RowRejected(column + " is empty");
    }
    if (CONTROL.matcher(cell).find()) {
      throw new RowRejected(column + " holds a control character");
    }
    return cell;
  }

  static LocalDate utcDay(Instant instant) {
    return java.time.Instant.ofEpochMilli(instant.getMillis()).atZone(ZoneOffset.UTC).toLocalDate();
  }
}
