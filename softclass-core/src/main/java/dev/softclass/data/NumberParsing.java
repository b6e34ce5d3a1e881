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
   * any case), which a file must not hold: a missing value is an empty cell.
   */
  static boolean isNonFiniteWord(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    if (t.startsWith("+") || t.startsWith("-")) {
      t = t.substring(1);
    }
    return t.equals("nan") || t.equals("inf") || t.equals("infinity");
  }

  /** What the user wrote, quoted and cut short for messages. */
  static String quote(String text) {
    return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
  }
}
