package dev.softclass.server;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A fast path for the body most clients send: {@code {"instances": [[1, 0.5, ...], ...]}} (and
 * optionally {@code "top_k"}), every instance a dense array of plain numbers. It reads the bytes
 * directly, without a token stream or a character buffer per number, which made a 100-instance
 * batch cost about a third of the general parser's time.
 *
 * <p>It accepts only bodies it can read completely and correctly; for anything else (strings,
 * {@code null}, objects, other fields, escapes, a wrong number of values, too many instances,
 * numbers it cannot convert exactly, malformed JSON) it answers {@code null} and {@link
 * PredictRequestParser} reads the body the general way, which also words every error. Both paths
 * give the same float32 values: each number correctly rounded from its decimal text. Thread-safe
 * (stateless).
 */
final class DenseBatchScanner {
  /** Significant digits a long holds without overflow. */
  private static final int MAX_DIGITS = 18;

  /** A JSON number, for the rare one read from its text. */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  /** The longest number text the general parser accepts (Jackson's default). */
  private static final int MAX_NUMBER_LENGTH = 1000;

  private static final byte[] INSTANCES = "\"instances\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TOP_K = "\"top_k\"".getBytes(StandardCharsets.US_ASCII);

  private DenseBatchScanner() {}

  /** What the fast path read: the rows, and {@code top_k} or -1 when absent. */
  record Batch(List<Instance> instances, int topK) {}

  /**
   * Reads {@code body} if it is a batch of dense numeric rows of {@code d} values each.
   *
   * @param maxInstances the most instances a request may have
   * @param maxTopK the largest valid {@code top_k} (the number of classes)
   * @param deadline {@link System#nanoTime()} after which the request has timed out
   * @return the batch, or {@code null} if the body is anything else
   * @throws ApiError 503 if the deadline passes
   */
  static Batch scan(byte[] body, int d, int maxInstances, int maxTopK, long deadline) {
    return new Cursor(body).batch(d, maxInstances, maxTopK, deadline);
  }

  /** A read position in one body; every method answers false or null when the shape differs. */
  private static final class Cursor {
    private final byte[] b;
    private int pos;

    Cursor(byte[] b) {
      this.b = b;
    }

    Batch batch(int d, int maxInstances, int maxTopK, long deadline) {
      if (d <= 0 || !skipTo('{')) {
        return null;
      }
      List<Instance> instances = null;
      int topK = -1;
      do {
        skipWhitespace();
        if (matches(INSTANCES) && instances == null) {
          if (!skipTo(':')) {
            return null;
          }
          instances = rows(d, maxInstances, deadline);
          if (instances == null) {
            return null;
          }
        } else if (matches(TOP_K) && topK < 0) {
          if (!skipTo(':')) {
            return null;
          }
          skipWhitespace();
          topK = smallInt();
          if (topK < 1 || topK > maxTopK) {
            return null;
          }
        } else {
          return null;
        }
      } while (skipTo(','));
      if (instances == null || !skipTo('}')) {
        return null;
      }
      skipWhitespace();
      return pos == b.length ? new Batch(instances, topK) : null;
    }

    private List<Instance> rows(int d, int maxInstances, long deadline) {
      if (!skipTo('[')) {
        return null;
      }
      List<Instance> rows = new ArrayList<>();
      do {
        if (rows.size() == maxInstances) {
          return null;
        }
        if (RequestDeadline.passed(deadline)) {
          throw RequestDeadline.expired();
        }
        float[] row = row(d);
        if (row == null) {
          return null;
        }
        rows.add(new Instance.Dense(row));
      } while (skipTo(','));
      return skipTo(']') ? rows : null;
    }

    private float[] row(int d) {
      if (!skipTo('[')) {
        return null;
      }
      float[] row = new float[d];
      for (int c = 0; c < d; c++) {
        if (c > 0 && !skipTo(',')) {
          return null;
        }
        skipWhitespace();
        if (!number(row, c)) {
          return null;
        }
      }
      return skipTo(']') ? row : null;
    }

    /**
     * Reads one JSON number into {@code row[c]}, correctly rounded to float32 like {@link
     * Float#parseFloat}; false if there is no valid number here or it is not finite as a float.
     */
    private boolean number(float[] row, int c) {
      if (smallInteger(row, c)) {
        return true;
      }
      int start = pos;
      boolean negative = at('-');
      if (negative) {
        pos++;
      }
      long mantissa = 0;
      int digits = 0; // significant digits in mantissa (leading zeros not counted)
      int scale = 0; // decimal exponent adjustment from fraction digits
      int intStart = pos;
      while (pos < b.length && isDigit(b[pos])) {
        if (digits < MAX_DIGITS) {
          mantissa = mantissa * 10 + (b[pos] - '0');
          digits += mantissa == 0 ? 0 : 1;
        } else {
          return slowNumber(row, c, start);
        }
        pos++;
      }
      int intDigits = pos - intStart;
      if (intDigits == 0 || (intDigits > 1 && b[intStart] == '0')) {
        return false; // JSON has no empty integer part and no leading zeros
      }
      boolean integer = true;
      if (at('.')) {
        integer = false;
        pos++;
        int fracStart = pos;
        while (pos < b.length && isDigit(b[pos])) {
          if (digits < MAX_DIGITS) {
            mantissa = mantissa * 10 + (b[pos] - '0');
            digits += mantissa == 0 ? 0 : 1;
            scale--;
          } else {
            return slowNumber(row, c, start);
          }
          pos++;
        }
        if (pos == fracStart) {
          return false;
        }
      }
      if (at('e') || at('E')) {
        integer = false;
        pos++;
        boolean negativeExponent = at('-');
        if (negativeExponent || at('+')) {
          pos++;
        }
        int expStart = pos;
        int exponent = 0;
        while (pos < b.length && isDigit(b[pos])) {
          if (pos - expStart > 3) {
            return slowNumber(row, c, start);
          }
          exponent = exponent * 10 + (b[pos] - '0');
          pos++;
        }
        if (pos == expStart) {
          return false;
        }
        scale += negativeExponent ? -exponent : exponent;
      }
      if (integer && mantissa <= 1 << 24) {
        // the common case (pixel values, counts): every integer up to 2^24 is a float exactly;
        // "-0" is the integer 0, as the general parser reads an integer token
        row[c] = negative && mantissa != 0 ? -(float) mantissa : (float) mantissa;
        return true;
      }
      if (mantissa == 0) {
        row[c] = negative ? -0f : 0f; // "-0.0" and "-0e1" are -0.0f, as Float.parseFloat reads them
        return true;
      }
      float f = ExactDecimal.toFloat(mantissa, scale);
      if (Float.isNaN(f)) {
        return slowNumber(row, c, start);
      }
      row[c] = negative ? -f : f;
      return true;
    }

    /**
     * The commonest number of all (pixels, counts, one-hot flags): one or two digits right before
     * the ',' or ']' that ends it, read into {@code row[c]}; false, having read nothing, for any
     * other number.
     */
    private boolean smallInteger(float[] row, int c) {
      if (pos + 2 >= b.length) {
        return false;
      }
      int first = b[pos] - '0';
      if (first < 0 || first > 9) {
        return false;
      }
      byte next = b[pos + 1];
      if (next == ',' || next == ']') {
        row[c] = first;
        pos++;
        return true;
      }
      int second = next - '0';
      byte end = b[pos + 2];
      if (first == 0 || second < 0 || second > 9 || (end != ',' && end != ']')) {
        return false; // "05" is not JSON: the general reader refuses it
      }
      row[c] = first * 10 + second;
      pos += 2;
      return true;
    }

    /** The rare number the fast conversion cannot do exactly: parsed from its text. */
    private boolean slowNumber(float[] row, int c, int start) {
      pos = start;
      if (at('-')) {
        pos++;
      }
      while (pos < b.length && isNumberByte(b[pos])) {
        pos++;
      }
      if (pos - start > MAX_NUMBER_LENGTH) {
        return false;
      }
      String text = new String(b, start, pos - start, StandardCharsets.US_ASCII);
      if (!JSON_NUMBER.matcher(text).matches()) {
        return false;
      }
      float f = Float.parseFloat(text);
      row[c] = f;
      return Float.isFinite(f);
    }

    /** A small non-negative JSON integer (up to 9 digits), or -1. */
    private int smallInt() {
      int start = pos;
      int v = 0;
      while (pos < b.length && isDigit(b[pos]) && pos - start < 9) {
        v = v * 10 + (b[pos] - '0');
        pos++;
      }
      boolean valid = pos > start && (pos - start == 1 || b[start] != '0');
      return valid && !(pos < b.length && isNumberByte(b[pos])) ? v : -1;
    }

    /** Skips whitespace; then consumes {@code c} if it is next. */
    private boolean skipTo(char c) {
      if (pos < b.length && b[pos] == c) { // the usual case, no whitespace between values
        pos++;
        return true;
      }
      skipWhitespace();
      if (at(c)) {
        pos++;
        return true;
      }
      return false;
    }

    private boolean matches(byte[] token) {
      if (pos + token.length > b.length) {
        return false;
      }
      for (int i = 0; i < token.length; i++) {
        if (b[pos + i] != token[i]) {
          return false;
        }
      }
      pos += token.length;
      return true;
    }

    private void skipWhitespace() {
      while (pos < b.length
          && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
        pos++;
      }
    }

    private boolean at(char c) {
      return pos < b.length && b[pos] == c;
    }
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isNumberByte(byte c) {
    return isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
  }
}
