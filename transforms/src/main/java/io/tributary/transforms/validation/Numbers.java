package io.tributary.transforms.validation;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The one accepted text form of numbers in every input: ASCII digits, an optional leading minus and,
 * for decimals, one point with digits on both sides ({@code -12.50}). Java's own parsers are more
 * lenient than a contract should be: {@code Long.parseLong} takes {@code +5} and Arabic-Indic digits,
 * {@code Double.parseDouble} takes {@code 19.99d}, {@code 0x1p3}, {@code NaN} and {@code Infinity};
 * none of those is a number here.
 */
public final class Numbers {
  private Numbers() {}

  private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
  /** A whole number as a float export writes it ({@code 7.0}): same value, accepted. */
  private static final Pattern WHOLE_WITH_ZEROS = Pattern.compile("-?[0-9]+(\\.0+)?");
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  /** A whole number, or {@link NumberFormatException}. */
  public static long whole(String text) {
    if (!WHOLE.matcher(text).matches()) {
      throw new NumberFormatException(text);
    }
    return Long.parseLong(text);
  }

  /** A whole number, {@code 7.0} accepted as 7 (exact either way), or {@link NumberFormatException}. */
  public static BigDecimal wholeAllowingZeros(String text) {
    if (!WHOLE_WITH_ZEROS.matcher(text).matches()) {
      throw new NumberFormatException(text);
    }
    return new BigDecimal(text).setScale(0);
  }

  /** A plain decimal number, or {@link NumberFormatException}. */
  public static double decimal(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new NumberFormatException(text);
    }
    return Double.parseDouble(text);
  }

  public static boolean isDecimal(String text) {
    return DECIMAL.matcher(text).matches();
  }
}
