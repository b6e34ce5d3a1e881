package dev.softclass.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  private final Tokenizer plain = new Tokenizer(false);

  @Test
  void splitsOnUnicodeWhiteSpaceAndKeepsPunctuation() {
    assertThat(plain.tokens("Hello,\u00a0world!\u3000日本語\u2003ok\t\n"))
        .containsExactly("Hello,", "world!", "日本語", "ok");
  }

  @Test
  void emptyAndBlankTextHaveNoTokens() {
    assertThat(plain.tokens("")).isEmpty();
    assertThat(plain.tokens(" \t\u00a0 ")).isEmpty();
  }

  @Test
  void composedAndDecomposedSpellingsAreOneToken() {
    assertThat(plain.tokens("caf\u00e9 cafe\u0301")).containsExactly("café", "café");
  }

  @Test
  void lowerCasingIsLocaleIndependentAndKeepsSurrogatePairs() {
    Tokenizer lower = new Tokenizer(true);
    assertThat(lower.tokens("ÉCOLE TITLE İ \uD83D\uDE00Smile"))
        .containsExactly("école", "title", "i\u0307", "\uD83D\uDE00smile");
    assertThat(plain.tokens("ÉCOLE")).containsExactly("ÉCOLE");
  }

  @Test
  void composedAndDecomposedSpellingsAreOneTokenIdUnderNfcAndTwoUnderNone() {
    String composed = "caf\u00e9";
    String decomposed = "cafe\u0301";
    List<String> texts = List.of(composed + " " + decomposed);
    TextFeatures nfc = TextFeatures.fit(texts, plain, 1, 0, 0, 0, 1);
    TextFeatures none =
        TextFeatures.fit(texts, new Tokenizer(false, TextNormalization.NONE), 1, 0, 0, 0, 1);

    assertThat(nfc.words()).containsExactlyInAnyOrder(composed, TextFeatures.EOS);
    assertThat(nfc.features(decomposed)).isEqualTo(nfc.features(composed));
    assertThat(none.words()).containsExactlyInAnyOrder(composed, decomposed, TextFeatures.EOS);
    int composedId = none.features(composed)[0];
    int decomposedId = none.features(decomposed)[0];
    assertThat(composedId).isNotEqualTo(decomposedId);
    assertThat(none.words().get(composedId)).isEqualTo(composed);
    assertThat(none.words().get(decomposedId)).isEqualTo(decomposed);
  }

  @Test
  void onlyNfkcFoldsFullWidthLettersAndLigatures() {
    String text = "\uff21\uff22\uff23 \ufb01ne";
    Tokenizer nfkc = new Tokenizer(false, TextNormalization.NFKC);

    assertThat(nfkc.tokens(text)).containsExactly("ABC", "fine");
    assertThat(plain.tokens(text)).containsExactly("\uff21\uff22\uff23", "\ufb01ne");
    assertThat(new Tokenizer(false, TextNormalization.NONE).tokens(text))
        .containsExactly("\uff21\uff22\uff23", "\ufb01ne");
    // NFKC composes as NFC does; lower-casing comes after folding.
    assertThat(new Tokenizer(true, TextNormalization.NFKC).tokens("CAFE\u0301 \uff21"))
        .containsExactly("caf\u00e9", "a");
  }

  @Test
  void textThatNeedsNoChangeIsTakenAsItIs() {
    String nfcText = "caf\u00e9";
    String decomposed = "cafe\u0301";

    assertThat(TextNormalization.NFC.apply(nfcText)).isSameAs(nfcText);
    assertThat(TextNormalization.NFKC.apply(nfcText)).isSameAs(nfcText);
    assertThat(TextNormalization.NONE.apply(decomposed)).isSameAs(decomposed);
    assertThat(TextNormalization.NFC.apply(decomposed)).isEqualTo(nfcText);
  }

  @Test
  void theNamesAreThoseOfTheOptionAndTheModelFile() {
    assertThat(TextNormalization.values())
        .extracting(TextNormalization::id)
        .containsExactly("nfc", "nfkc", "none");
    assertThat(plain.normalization()).isEqualTo(TextNormalization.NFC);
  }
}
