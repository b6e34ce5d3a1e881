package dev.softclass.preprocess.text;

import dev.softclass.data.FastTextReader;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into tokens at Unicode white space, as fastText does (punctuation stays part of the
 * word it touches), after Unicode NFC normalisation so that composed and decomposed spellings of
 * the same word are one token; optionally lower-cases (locale-independent). Immutable.
 *
 * @param lowercase whether tokens are lower-cased
 */
public record Tokenizer(boolean lowercase) {
  /**
   * The tokens of {@code text}, in order; none for a blank text.
   *
   * @param text any string (not null)
   */
  public List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    forEachToken(text, (s, start, end) -> out.add(s.substring(start, end)));
    return out;
  }

  /** Receives each token of a text as a range of characters of the (normalised) text. */
  @FunctionalInterface
  interface TokenRange {
    void accept(String s, int start, int end);
  }

  /** Passes each token of {@code text} to {@code each}, in order, without copying it. */
  void forEachToken(String text, TokenRange each) {
    String s = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : normalize(text);
    if (lowercase) {
      s = s.toLowerCase(Locale.ROOT);
    }
    int n = s.length();
    int i = 0;
    while (i < n) {
      int cp = s.codePointAt(i);
      if (FastTextReader.isSpace(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      while (i < n && !FastTextReader.isSpace(cp = s.codePointAt(i))) {
        i += Character.charCount(cp);
      }
      each.accept(s, start, i);
    }
  }

  private static String normalize(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC);
  }
}
