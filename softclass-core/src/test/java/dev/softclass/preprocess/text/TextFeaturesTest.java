package dev.softclass.preprocess.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.SoftclassException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {
  private static final Tokenizer T = new Tokenizer(false);

  @Test
  void vocabularyKeepsWordsSeenMinCountTimesMostFrequentFirst() {
    TextFeatures f = TextFeatures.fit(List.of("b a b", "c b a"), T, 2, 0, 0, 0, 1);

    // </s> ends both lines (2), b is seen 3 times, a twice, c once.
    assertThat(f.words()).containsExactly("b", TextFeatures.EOS, "a");
    assertThat(f.features("a b zzz")).containsExactly(2, 0, 1);
  }

  @Test
  void characterNgramsOfBracketedWordsSkipLoneBrackets() {
    TextFeatures f = TextFeatures.fit(List.of("abc"), T, 1, 1000, 2, 3, 1);
    int words = f.words().size();

    int[] ids = f.features("abc");
    // "abc": its row, then <a ab bc c> (2-grams) and <ab abc bc> (3-grams); then </s>.
    assertThat(ids).hasSize(1 + 7 + 1);
    assertThat(ids[0]).isEqualTo(f.words().indexOf("abc"));
    for (int i = 1; i < 8; i++) {
      assertThat(ids[i]).isBetween(words, words + 999);
    }
    // An unknown word still gets its n-grams, and shares those it has in common.
    int[] oov = f.features("abd");
    assertThat(oov).hasSize(7 + 1);
    assertThat(oov[0]).isEqualTo(ids[1]); // "<a"
  }

  @Test
  void wordNgramsAreHashedPairsIncludingTheLineEnd() {
    TextFeatures f = TextFeatures.fit(List.of("x y"), T, 1, 100, 0, 0, 2);

    int[] ids = f.features("x y");
    // x, y, </s>, then the bigrams (x y) and (y </s>).
    assertThat(ids).hasSize(5);
    assertThat(ids[3]).isNotEqualTo(ids[4]);
    assertThat(f.features("y x")[3]).isNotEqualTo(ids[3]);
  }

  @Test
  void theVocabularyDoesNotDependOnTheThreadCount() {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      texts.add("w" + (i % 97) + " v" + (i * 7 % 1013) + " common" + (i < 2500 ? "" : " late"));
    }
    TextFeatures one = TextFeatures.fit(texts, T, 2, 1000, 2, 4, 2, 1);
    TextFeatures three = TextFeatures.fit(texts, T, 2, 1000, 2, 4, 2, 3);
    assertThat(three.words()).isEqualTo(one.words());
    assertThat(one.words()).startsWith("</s>", "common").contains("late");
  }

  @Test
  void rowsDoNotDependOnTheThreadCountAndAreEachTextsFeatures() {
    java.util.Random random = new java.util.Random(3);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      StringBuilder text = new StringBuilder();
      for (int t = random.nextInt(6); t > 0; t--) {
        // Rare words (below minCount 2) fall back to their character n-grams.
        text.append(random.nextInt(10) == 0 ? "rare" + i : "w" + random.nextInt(40)).append(' ');
      }
      texts.add(text.toString());
    }
    TextFeatures.Fitted one = TextFeatures.fitRows(texts, T, 2, 5000, 2, 4, 3, 1);
    TextFeatures.Fitted three = TextFeatures.fitRows(texts, T, 2, 5000, 2, 4, 3, 3);

    assertThat(three.features().words()).isEqualTo(one.features().words());
    assertThat(three.rows().offsets()).isEqualTo(one.rows().offsets());
    assertThat(three.rows().ids()).isEqualTo(one.rows().ids());
    int[] offsets = one.rows().offsets();
    assertThat(one.rows().ids()).hasSize(offsets[5000]);
    for (int r = 0; r < texts.size(); r++) {
      assertThat(one.features().features(texts.get(r)))
          .as("text %d", r)
          .isEqualTo(java.util.Arrays.copyOfRange(one.rows().ids(), offsets[r], offsets[r + 1]));
    }
  }

  @Test
  void ngramsWithoutBucketsAreRefused() {
    assertThatThrownBy(() -> TextFeatures.fit(List.of("a"), T, 1, 0, 0, 0, 2))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("--bucket");
  }

  @Test
  void aLargeVocabularyIsOrderedByCountThenByString() {
    java.util.Random random = new java.util.Random(5);
    List<String> texts = new ArrayList<>();
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    for (int i = 0; i < 30_000; i++) {
      // Many words seen once (a run long enough to be sorted on two threads), mixed scripts.
      String once = (random.nextBoolean() ? "w" : "\u0436") + Integer.toString(i, 36);
      String often = "c" + random.nextInt(50);
      texts.add(once + " " + often);
      counts.merge(once, 1, Integer::sum);
      counts.merge(often, 1, Integer::sum);
      counts.merge(TextFeatures.EOS, 1, Integer::sum);
    }
    List<String> expected = new ArrayList<>(counts.keySet());
    expected.sort(
        java.util.Comparator.<String>comparingInt(w -> -counts.get(w))
            .thenComparing(java.util.Comparator.naturalOrder()));

    for (int threads : new int[] {1, 2}) {
      assertThat(TextFeatures.fit(texts, T, 1, 0, 0, 0, 1, threads).words())
          .as("%d threads", threads)
          .isEqualTo(expected);
    }
  }
}
