package io.tributary.pipelines.inventory;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Days of a run: parsing, ranges, and printing a set of days compactly. */
final class InventoryDays {
  private InventoryDays() {}

  static final int MAX_RANGE_DAYS = 3660;

  static LocalDate parse(String flag, String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(flag + " '" + text + "' is not a date (yyyy-MM-dd)");
    }
  }

  static List<LocalDate> range(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    if (from.plusDays(MAX_RANGE_DAYS).isBefore(to)) {
      throw new IllegalArgumentException("--from " + from + " --to " + to + " spans more than " + MAX_RANGE_DAYS + " days");
    }
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      days.add(d);
    }
    return days;
  }

  /** {@code 2024-06-01..2024-06-03, 2024-06-07}: consecutive days folded. */
  static String ranges(List<LocalDate> sorted) {
    List<String> parts = new ArrayList<>();
    LocalDate start = null;
    LocalDate prev = null;
    for (LocalDate d : sorted) {
      if (prev != null && d.equals(prev.plusDays(1))) {
        prev = d;
        continue;
      }
      if (start != null) {
        parts.add(start.equals(prev) ? start.toString() : start + ".." + prev);
      }
      start = d;
      prev = d;
    }
    if (start != null) {
      parts.add(start.equals(prev) ? start.toString() : start + ".." + prev);
    }
    return String.join(", ", parts);
  }
}
