package dev.softclass.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;

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
}
