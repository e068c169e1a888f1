package io.tributary.transforms.aggregation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** ISO-8601 weeks: Monday to Sunday, numbered within the ISO week-based year. */
public final class IsoWeeks {
  private IsoWeeks() {}

  public static LocalDate monday(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /**
   * Number of ISO weeks from the week of {@code first} to the week of {@code last}, both included;
   * weeks with no data in between count too. Same week: 1.
   */
  public static long inclusiveSpan(LocalDate first, LocalDate last) {
    if (last.isBefore(first)) {
      throw new IllegalArgumentException(last + " is before " + first);
    }
    return ChronoUnit.WEEKS.between(monday(first), monday(last)) + 1;
  }
}
