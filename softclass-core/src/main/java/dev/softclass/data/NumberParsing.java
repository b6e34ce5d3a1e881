package dev.softclass.data;

/** Strict parsing of feature values: finite decimal numbers only. */
final class NumberParsing {
  private NumberParsing() {}

  /**
   * Parses a finite number, or returns NaN for text that is not one. Unlike {@link
   * Float#parseFloat}, refuses {@code NaN}, {@code Infinity}, hex floats and type suffixes.
   */
  static float parseFinite(String text) {
    int n = text.length();
    if (n == 0) {
      return Float.NaN;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!ok) {
        return Float.NaN;
      }
    }
    try {
      float v = Float.parseFloat(text);
      return Float.isFinite(v) ? v : Float.NaN;
    } catch (NumberFormatException e) {
      return Float.NaN;
    }
  }

  /**
   * Whether {@code text} spells a non-finite number ({@code NaN}, {@code inf}, {@code -Infinity},
   * any case, or a decimal number beyond float32's range), which a file must not hold: a missing
   * value is an empty cell.
   */
  static boolean isNonFiniteWord(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("+") || t.startsWith("-")) {
      t = t.substring(1);
    }
    if (t.equals("nan") || t.equals("inf") || t.equals("infinity")) {
      return true;
    }
    // a decimal number too large for float32, such as 1e999
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e')) {
        return false;
      }
    }
    try {
      return !Float.isFinite(Float.parseFloat(text));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** What the user wrote, quoted and cut short for messages. */
  static String quote(String text) {
    return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
  }
}
