package dev.softclass.server;

/**
 * Decimal to float32 by Clinger's fast path, for the request reader ({@link DenseBatchScanner}) and
 * the response writer ({@link ShortestFloat}): a mantissa below 2^53 and a power of ten up to 10^22
 * are both exact doubles, so their product or quotient is the correctly rounded double, and
 * rounding that to a float is the correctly rounded float unless the double sits exactly halfway
 * between two floats (the first rounding may then have decided the tie) or the float is subnormal
 * or infinite (fewer mantissa bits). Those cases, and mantissas or exponents out of range, are left
 * to the caller. Stateless.
 */
final class ExactDecimal {
  /** Powers of ten that doubles hold exactly. */
  private static final double[] POWERS = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  private ExactDecimal() {}

  /** 10^k as an exact double, for 0 <= k <= 22. */
  static double power(int k) {
    return POWERS[k];
  }

  /**
   * The float nearest {@code mantissa} × 10^{@code exponent} (mantissa positive), or NaN when this
   * way cannot settle it exactly.
   */
  static float toFloat(long mantissa, int exponent) {
    if (exponent < -22 || exponent > 22 || mantissa >= 1L << 53) {
      return Float.NaN;
    }
    double v = exponent >= 0 ? mantissa * POWERS[exponent] : mantissa / POWERS[-exponent];
    if ((Double.doubleToRawLongBits(v) & 0x1FFFFFFFL) == 0x10000000L
        || v < Float.MIN_NORMAL
        || v > Float.MAX_VALUE) {
      return Float.NaN;
    }
    return (float) v;
  }
}
