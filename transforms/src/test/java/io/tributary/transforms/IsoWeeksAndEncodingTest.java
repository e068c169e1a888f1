package io.tributary.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.transforms.aggregation.IsoWeeks;
import io.tributary.transforms.encoding.CyclicEncoding;
import io.tributary.transforms.lake.PartitionPath;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoWeeksAndEncodingTest {
  @Test
  void mayOf2018SpansFiveIsoWeeks() {
    // 2018-05-01 is a Tuesday (week of Mon 04-30), 2018-05-31 a Thursday (week of Mon 05-28):
    // weeks starting 04-30, 05-07, 05-14, 05-21, 05-28.
    assertEquals(5, IsoWeeks.inclusiveSpan(LocalDate.of(2018, 5, 1), LocalDate.of(2018, 5, 31)));
  }

  @Test
  void sameWeekIsOneWeek() {
    assertEquals(1, IsoWeeks.inclusiveSpan(LocalDate.of(2018, 5, 7), LocalDate.of(2018, 5, 13)));
    assertEquals(2, IsoWeeks.inclusiveSpan(LocalDate.of(2018, 5, 13), LocalDate.of(2018, 5, 14)));
  }

  @Test
  void weeksCrossIsoYearBoundaries() {
    // 2018-12-31 (Monday) is in ISO week 1 of 2019, like 2019-01-06 (Sunday).
    assertEquals(1, IsoWeeks.inclusiveSpan(LocalDate.of(2018, 12, 31), LocalDate.of(2019, 1, 6)));
    // 2020-12-31 is in week 53 of 2020, 2021-01-04 in week 1 of 2021.
    assertEquals(2, IsoWeeks.inclusiveSpan(LocalDate.of(2020, 12, 31), LocalDate.of(2021, 1, 4)));
  }

  @Test
  void midnightNeighboursAreCloseOnTheCircle() {
    double[] late = CyclicEncoding.timeOfDay(23 * 3600 + 59 * 60);
    double[] early = CyclicEncoding.timeOfDay(60);
    double[] noon = CyclicEncoding.timeOfDay(12 * 3600);
    double dLate = Math.hypot(late[0] - early[0], late[1] - early[1]);
    double dNoon = Math.hypot(noon[0] - early[0], noon[1] - early[1]);
    // Two minutes apart on a 1440-minute circle: chord = 2 sin(pi * 2/1440) ~ 0.00873.
    assertEquals(2 * Math.sin(Math.PI * 2 / 1440), dLate, 1e-9);
    assertEquals(2 * Math.sin(Math.PI * 719 / 1440), dNoon, 1e-9);
    assertTrue(dLate < dNoon);
  }

  @Test
  void partitionValuesAreHiveEscaped() {
    assertEquals("region=S%C3%A3o%20Paulo", PartitionPath.segment("region", "São Paulo"));
    assertEquals("date=2018-05-01", PartitionPath.segment("date", "2018-05-01"));
  }
}
