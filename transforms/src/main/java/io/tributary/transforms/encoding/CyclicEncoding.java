package io.tributary.transforms.encoding;

/**
 * Encodes a cyclic quantity (time of day, day of week) as a point on the unit circle, so that the
 * end of the cycle is next to its start: 23:59 and 00:00 are 0.0004 apart, not 1439 minutes.
 */
public final class CyclicEncoding {
  public static final int SECONDS_PER_DAY = 24 * 60 * 60;

  private CyclicEncoding() {}

  /** {@code [sin, cos]} of {@code 2π·value/period}. */
  public static double[] encode(double value, double period) {
    double angle = 2 * Math.PI * (value / period);
    return new double[] {Math.sin(angle), Math.cos(angle)};
  }

  public static double[] timeOfDay(int secondOfDay) {
    return encode(secondOfDay, SECONDS_PER_DAY);
  }
}
