package dev.softclass.preprocess.text;

import dev.softclass.data.FastTextReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits text into tokens at Unicode white space, as fastText does (punctuation stays part of the
 * word it touches), after a Unicode normalisation (NFC by default, so that composed and decomposed
 * spellings of the same word are one token; see {@link TextNormalization}); optionally lower-cases
 * (locale-independent). Immutable.
 *
 * @param lowercase whether tokens are lower-cased
 * @param normalization the Unicode normalisation applied first
 */
public record Tokenizer(boolean lowercase, TextNormalization normalization) {
  /** Checks that a normalisation is given. */
  public Tokenizer {
    Objects.requireNonNull(normalization, "normalization");
  }

  /** A tokenizer with the default NFC normalisation. */
  public Tokenizer(boolean lowercase) {
    this(lowercase, TextNormalization.NFC);
  }

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
    String s = normalization.apply(text);
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
}
