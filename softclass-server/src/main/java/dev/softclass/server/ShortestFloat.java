package dev.softclass.server;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a float32 as the shortest decimal that reads back as the same float, in Java's {@code
 * Float.toString} layout ({@code 0.25}, {@code 1.0}, {@code 1.5E-5}), straight into a byte array
 * (ASCII), giving the same text as Jackson's Schubfach writer. A response of 100 instances × 10
 * classes writes 1,000 of them; Jackson builds a {@code String} for each.
 *
 * <p>How: for a number of significant digits {@code n}, the nearest {@code n}-digit decimal is
 * found with one double multiplication, and kept only if it lies inside the float's rounding
 * interval (a comparison with a safe margin; on the edge, by converting it back exactly with
 * Clinger's fast path). 7 digits are tried first, then fewer while they still read back, or 8, or
 * 9. Floats this cannot settle exactly (at or above 10, below 1e-35, or a decimal on the edge of
 * the interval beyond 10^22) are written by Jackson's writer instead. Thread-safe.
 */
final class ShortestFloat {
  /** At most this many chars per float ("-1.23456789E-38"). */
  static final int MAX_CHARS = 16;

  /** Smaller floats (down to subnormals) go to Jackson's writer: 9 digits would need 10^45. */
  private static final float MIN_FAST = 1e-35f;

  /** "00", "01", ..., "99". */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  private static final long NO = -1;
  private static final long UNDECIDED = -2;

  private ShortestFloat() {}

  /**
   * Writes {@code v} at {@code out[pos]}.
   *
   * @return the position after the last char written
   */
  static int write(float v, byte[] out, int pos) {
    if (v == 0) {
      return copy(Float.floatToRawIntBits(v) == 0 ? "0.0" : "-0.0", out, pos);
    }
    float a = Math.abs(v);
    if (!(a >= MIN_FAST && a < 10)) {
      return copy(NumberOutput.toString(v, true), out, pos);
    }
    int e = decimalExponent(a);
    // Most probabilities need 7 or 8 digits. When n digits fail, fewer fail too (a shorter
    // decimal is an n-digit one with trailing zeros), so: 7, then fewer while they read back,
    // else 8, else 9.
    int n = 7;
    long digits = candidate(a, n, e);
    if (digits >= 0) {
      for (long fewer; n > 1 && (fewer = candidate(a, n - 1, e)) >= 0; n--) {
        digits = fewer;
      }
    } else if (digits == NO) {
      n = 8;
      digits = candidate(a, n, e);
      if (digits == NO) {
        n = 9;
        digits = candidate(a, n, e);
      }
    }
    if (digits < 0) { // undecided, or not even 9 digits: cannot happen for a float
      return copy(NumberOutput.toString(v, true), out, pos);
    }
    if (v < 0) {
      out[pos++] = '-';
    }
    return layout(digits, n, e, out, pos);
  }

  /**
   * The nearest {@code n}-digit decimal to {@code a} as its digits if it reads back as {@code a},
   * {@link #NO} if it does not, {@link #UNDECIDED} if this cannot tell.
   *
   * <p>It reads back when it lies inside a's rounding interval, half an ulp either side of a
   * (scaled by 10^scale). The scaled product and half-width are within 2^-52 of the exact ones,
   * relatively (so the distance is within 2.3e-7 for 9 digits), so a distance more than 1e-6 inside
   * or outside the half-width decides without a division. A decimal on the edge, and a power of two
   * (whose interval below is half as wide), go through the exact conversion, which works for powers
   * of ten up to 10^22; beyond, undecided.
   */
  private static long candidate(float a, int n, int e) {
    int scale = n - 1 - e; // 0..44 for floats from MIN_FAST below 10
    double x = scaled(a, scale);
    long d = nearestInteger(x, a, scale);
    if ((Float.floatToRawIntBits(a) & 0x7FFFFF) != 0) {
      double distance = Math.abs(d - x);
      // half an ulp of a: 2^(exponent - 24), built from its bits
      double halfUlp = Double.longBitsToDouble((long) (Math.getExponent(a) - 24 + 1023) << 52);
      double halfWidth = scaled(halfUlp, scale);
      if (distance < halfWidth - 1e-6) {
        return d;
      }
      if (distance > halfWidth + 1e-6) {
        return NO;
      }
    }
    if (scale > 22) {
      return UNDECIDED;
    }
    // NaN (a decimal this way cannot convert exactly) equals no float
    return ExactDecimal.toFloat(d, -scale) == a ? d : NO;
  }

  /** x × 10^scale for 0 <= scale <= 44: exact powers of ten, one or two roundings. */
  private static double scaled(double x, int scale) {
    return scale <= 22
        ? x * ExactDecimal.power(scale)
        : x * ExactDecimal.power(22) * ExactDecimal.power(scale - 22);
  }

  /**
   * a × 10^scale rounded to the nearest integer, ties to even (as Schubfach picks the decimal
   * nearest the float), given {@code x}, that product as a double. It is within 2^-52 of the exact
   * one, relatively, so only when it lands next to a half is the exact product needed.
   */
  private static long nearestInteger(double x, float a, int scale) {
    double nearest = Math.rint(x);
    if (Math.abs(Math.abs(x - nearest) - 0.5) < 1e-6) {
      return new BigDecimal(a)
          .scaleByPowerOfTen(scale)
          .setScale(0, RoundingMode.HALF_EVEN)
          .longValue();
    }
    return (long) nearest;
  }

  /** floor(log10(a)) for a float from {@link #MIN_FAST} below 10. */
  private static int decimalExponent(float a) {
    // a is in [2^b, 2^(b+1)), so floor(log10 a) is floor(b log10 2) or one more
    // (b × 78913) >> 18 is floor(b log10 2) for |b| < 1650; the shift rounds toward -infinity
    int e = (Math.getExponent(a) * 78913) >> 18;
    return atLeastPowerOfTen(a, e + 1) ? e + 1 : e;
  }

  /** Whether a >= 10^k, for -35 <= k <= 1. */
  private static boolean atLeastPowerOfTen(float a, int k) {
    // the product is within a double ulp of the exact one; a float is never that close to a
    // power of ten without being it (the tests try the floats beside every power of ten)
    return k >= 0 ? a >= ExactDecimal.power(k) : scaled(a, -k) >= 1;
  }

  /**
   * Writes {@code digits} (an {@code n}-digit decimal, possibly {@code 10^n} after rounding up)
   * scaled by 10^e, as {@code Float.toString} lays it out. Int arithmetic: n is at most 9.
   */
  private static int layout(long digits, int n, int e, byte[] out, int pos) {
    int d = (int) digits;
    if (d == (int) ExactDecimal.power(n)) { // rounded up to the next power of ten
      d /= 10;
      e++;
    }
    while (n > 1 && d % 10 == 0) {
      d /= 10;
      n--;
    }
    if (e >= -3 && e < 0) { // 0.00ddd
      out[pos++] = '0';
      out[pos++] = '.';
      for (int i = -1; i > e; i--) {
        out[pos++] = '0';
      }
      return digitsAt(d, n, out, pos);
    }
    if (e > 0) { // 10.0: a float below 10 that rounded up
      out[pos++] = '1';
      out[pos++] = '0';
      out[pos++] = '.';
      out[pos++] = '0';
      return pos;
    }
    // d.ddd or d.dddE-7: the digits one place right, then the first moved left of the point
    int end = digitsAt(d, n, out, pos + 1);
    out[pos] = out[pos + 1];
    out[pos + 1] = '.';
    if (n == 1) {
      out[end++] = '0';
    }
    if (e == 0) {
      return end;
    }
    out[end++] = 'E';
    out[end++] = '-';
    int m = -e; // 4 to 45
    if (m >= 10) {
      out[end++] = (byte) ('0' + m / 10);
    }
    out[end++] = (byte) ('0' + m % 10);
    return end;
  }

  /**
   * Writes the {@code n} decimal digits of {@code digits} (exactly n: no leading zero) at {@code
   * pos}, two at a time: half as long a chain of dependent divisions.
   */
  private static int digitsAt(int digits, int n, byte[] out, int pos) {
    int i = pos + n;
    while (digits >= 100) {
      int q = digits / 100;
      int r = (digits - q * 100) * 2;
      out[--i] = DIGIT_PAIRS[r + 1];
      out[--i] = DIGIT_PAIRS[r];
      digits = q;
    }
    if (digits >= 10) {
      out[--i] = DIGIT_PAIRS[digits * 2 + 1];
      out[--i] = DIGIT_PAIRS[digits * 2];
    } else {
      out[--i] = (byte) ('0' + digits);
    }
    return pos + n;
  }

  private static int copy(String s, byte[] out, int pos) {
    for (int i = 0; i < s.length(); i++) {
      out[pos++] = (byte) s.charAt(i); // digits, '.', '-', 'E': ASCII
    }
    return pos;
  }

  /**
   * Writes {@code v} as chars, for Jackson's generator: the same text as {@link #write(float,
   * byte[], int)}.
   *
   * @param bytes working space of {@link #MAX_CHARS} bytes
   * @return the number of chars written at {@code out[0]}
   */
  static int write(float v, byte[] bytes, char[] out) {
    int n = write(v, bytes, 0);
    for (int i = 0; i < n; i++) {
      out[i] = (char) bytes[i];
    }
    return n;
  }
}
