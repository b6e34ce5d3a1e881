package dev.softclass.preprocess.text;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The Unicode normalisation a {@link Tokenizer} applies before splitting text into tokens; {@link
 * #id()} is the name {@code --normalization} takes and model files store.
 */
public enum TextNormalization {
  /**
   * Canonical composition (NFC, the default): composed and decomposed spellings of a character
   * ({@code "\u00e9"} and {@code "e\u0301"}) become one.
   */
  NFC("nfc", Normalizer.Form.NFC),
  /**
   * Compatibility composition (NFKC): as NFC, and compatibility forms are folded too (full-width
   * letters to ASCII ones, ligatures to their letters, superscript digits to digits).
   */
  NFKC("nfkc", Normalizer.Form.NFKC),
  /** None: the text as written, as fastText (which reads raw bytes) and scikit-learn take it. */
  NONE("none", null);

  private final String id;
  private final Normalizer.Form form;

  TextNormalization(String id, Normalizer.Form form) {
    this.id = id;
    this.form = form;
  }

  /** The name given to {@code --normalization} and written in model files. */
  public String id() {
    return id;
  }

  /** The normalisation named {@code id} (exactly, as {@link #id()} gives it), if there is one. */
  public static Optional<TextNormalization> ofId(String id) {
    for (TextNormalization n : values()) {
      if (n.id.equals(id)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code text} normalised; {@code text} itself when it already is (checking is much cheaper than
   * normalising, and most text is already in NFC) or for {@link #NONE}.
   */
  public String apply(String text) {
    if (form == null || Normalizer.isNormalized(text, form)) {
      return text;
    }
    return Normalizer.normalize(text, form);
  }
}
