package dev.softclass.server;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Writes a float32 as the shortest decimal that reads back as the same float, in Java's {@code
 * Float.toString} layout ({@code 0.25}, {@code 1.0}, {@code 1.5E-5}), straight into a char array,
 * giving the same text as Jackson's Schubfach writer. A response of 100 instances × 10 classes
 * writes 1,000 of them; Jackson builds a {@code String} for each.
 *
 * <p>How: for a number of significant digits {@code n}, the nearest {@code n}-digit decimal is
 * found with one double multiplication, and kept only if converting it back (exactly, by Clinger's
 * fast path) gives the same float. Most probabilities need 8 digits, so 8 is tried first, then
 * fewer while they still read back, or 9. Floats this cannot settle exactly (at or above 10, below
 * 1e-14, subnormal, or a decimal at the exact midpoint of two floats) are written by Jackson's
 * writer instead. Thread-safe.
 */
final class ShortestFloat {
  /** At most this many chars per float ("-1.23456789E-38"). */
  static final int MAX_CHARS = 16;

  private ShortestFloat() {}

  /**
   * Writes {@code v} at {@code out[pos]}.
   *
   * @return the position after the last char written
   */
  static int write(float v, char[] out, int pos) {
    if (v == 0) {
      return copy(Float.floatToRawIntBits(v) == 0 ? "0.0" : "-0.0", out, pos);
    }
    float a = Math.abs(v);
    if (!(a >= Float.MIN_NORMAL && a < 10)) {
      return copy(NumberOutput.toString(v, true), out, pos);
    }
    int e = decimalExponent(a);
    // n digits need the scale 10^(n-1-e): for 1 to 9 digits it must be an exact power of ten
    if (8 - e > 22) {
      return copy(NumberOutput.toString(v, true), out, pos);
    }
    int n = 8;
    long digits = candidate(a, n, e);
    if (digits >= 0) {
      for (long fewer; n > 1 && (fewer = candidate(a, n - 1, e)) >= 0; n--) {
        digits = fewer;
      }
    } else {
      n = 9;
      digits = candidate(a, n, e);
      if (digits < 0) {
        return copy(NumberOutput.toString(v, true), out, pos);
      }
    }
    if (v < 0) {
      out[pos++] = '-';
    }
    return layout(digits, n, e, out, pos);
  }

  /**
   * The nearest {@code n}-digit decimal to {@code a} as its digits, if it reads back as {@code a};
   * else -1.
   */
  private static long candidate(float a, int n, int e) {
    int scale = n - 1 - e; // 0..22, checked by the caller
    long d = nearestInteger(a, scale);
    // NaN (a decimal this way cannot convert exactly) equals no float
    return ExactDecimal.toFloat(d, -scale) == a ? d : -1;
  }

  /**
   * a × 10^scale rounded to the nearest integer, ties to even (as Schubfach picks the decimal
   * nearest the float). The double product is within 2^-53 of the exact one, relatively, so only
   * when it lands next to a half is the exact product needed.
   */
  private static long nearestInteger(float a, int scale) {
    double x = a * ExactDecimal.power(scale);
    double fraction = x - Math.floor(x);
    if (Math.abs(fraction - 0.5) < 1e-6) {
      return new BigDecimal(a)
          .scaleByPowerOfTen(scale)
          .setScale(0, RoundingMode.HALF_EVEN)
          .longValue();
    }
    return (long) Math.rint(x);
  }

  /** floor(log10(a)) for a positive normal float below 10. */
  private static int decimalExponent(float a) {
    // a is in [2^b, 2^(b+1)), so floor(log10 a) is floor(b log10 2) or one more
    int e = (int) Math.floor(Math.getExponent(a) * 0.30102999566398120);
    return atLeastPowerOfTen(a, e + 1) ? e + 1 : e;
  }

  /** Whether a >= 10^k, for k <= 1 (below -22, an answer that sends a to Jackson's writer). */
  private static boolean atLeastPowerOfTen(float a, int k) {
    if (k < -22) {
      return true;
    }
    // the product is within half a double ulp of the exact one; a float is never that close to
    // a power of ten without being it (the tests try the floats beside every power of ten)
    return k >= 0 ? a >= ExactDecimal.power(k) : a * ExactDecimal.power(-k) >= 1;
  }

  /**
   * Writes {@code digits} (an {@code n}-digit decimal, possibly {@code 10^n} after rounding up)
   * scaled by 10^e, as {@code Float.toString} lays it out.
   */
  private static int layout(long digits, int n, int e, char[] out, int pos) {
    if (digits == (long) ExactDecimal.power(n)) { // rounded up to the next power of ten
      digits /= 10;
      e++;
    }
    while (n > 1 && digits % 10 == 0) {
      digits /= 10;
      n--;
    }
    if (e >= -3 && e < 0) { // 0.00ddd
      out[pos++] = '0';
      out[pos++] = '.';
      for (int i = -1; i > e; i--) {
        out[pos++] = '0';
      }
      return digitsAt(digits, n, out, pos);
    }
    // d.ddd, dd.d or d.dddE-7: the digits one place right, then the point moved in
    int point = e >= 0 ? e + 1 : 1;
    int end = digitsAt(digits, n, out, pos + 1);
    for (; end < pos + 1 + point; end++) {
      out[end] = '0'; // dd.0 when there are fewer digits than integer places
    }
    System.arraycopy(out, pos + 1, out, pos, point);
    out[pos + point] = '.';
    if (end == pos + 1 + point) {
      out[end++] = '0';
    }
    if (e >= 0) {
      return end;
    }
    out[end++] = 'E';
    return copy(Integer.toString(e), out, end);
  }

  /** Writes the {@code n} decimal digits of {@code digits} at {@code pos}. */
  private static int digitsAt(long digits, int n, char[] out, int pos) {
    for (int i = pos + n - 1; i >= pos; i--) {
      out[i] = (char) ('0' + digits % 10);
      digits /= 10;
    }
    return pos + n;
  }

  private static int copy(String s, char[] out, int pos) {
    s.getChars(0, s.length(), out, pos);
    return pos + s.length();
  }
}
