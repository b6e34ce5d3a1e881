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

  /** What the user wrote, quoted and cut short for messages. */
  static String quote(String text) {
    return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
  }
}
