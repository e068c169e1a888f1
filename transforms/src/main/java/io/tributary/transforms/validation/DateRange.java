package io.tributary.transforms.validation;

import io.tributary.transforms.deadletter.RowRejected;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * The valid range of every date and timestamp column (and of a {@code --date}/{@code --as-of}
 * flag): a calendar-valid value outside it is still wrong data (a year 0001 from a default value,
 * a +10000 from a unit mix-up) and one such row can ruin every aggregate (a report over 105,264
 * weeks). Default 1970-01-01 .. 2100-12-31, both included; {@code --minDate}/{@code --maxDate} change it.
 */
public final class DateRange implements Serializable {
  public static final String DEFAULT_MIN = "1970-01-01";
  public static final String DEFAULT_MAX = "2100-12-31";
  public static final DateRange DEFAULT = of(DEFAULT_MIN, DEFAULT_MAX);

  private final LocalDate min;
  private final LocalDate max;

  private DateRange(LocalDate min, LocalDate max) {
    this.min = min;
    this.max = max;
  }

  /** From {@code yyyy-MM-dd} bounds; null or blank means the default bound. */
  public static DateRange of(String min, String max) {
    LocalDate from = bound("--minDate", min, DEFAULT_MIN);
    LocalDate to = bound("--maxDate", max, DEFAULT_MAX);
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--maxDate " + to + " is before --minDate " + from);
    }
    return new DateRange(from, to);
  }

  private static LocalDate bound(String flag, String value, String fallback) {
    String text = value == null || value.isBlank() ? fallback : value.trim();
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad " + flag + " '" + text + "': expected yyyy-MM-dd");
    }
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(min) && !date.isAfter(max);
  }

  /** {@code date} when in range, else a row rejection naming the column and the range. */
  public LocalDate check(String column, LocalDate date) {
    if (!contains(date)) {
      throw new RowRejected(column + " " + date + " is outside the valid range " + this);
    }
    return date;
  }

  public LocalDateTime check(String column, LocalDateTime datetime) {
    if (!contains(datetime.toLocalDate())) {
      throw new RowRejected(column + " " + datetime + " is outside the valid range " + this);
    }
    return datetime;
  }

  /** For a command-line day: an {@link IllegalArgumentException} naming the flag. */
  public LocalDate checkFlag(String flag, LocalDate date) {
    if (!contains(date)) {
      throw new IllegalArgumentException(flag + " " + date + " is outside the valid range " + this
          + " (--minDate/--maxDate)");
    }
    return date;
  }

  @Override
  public String toString() {
    return min + ".." + max;
  }
}
