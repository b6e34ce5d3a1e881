package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LabelSetsTest {
  @Test
  void ofSortsAndDeduplicatesEachRow() {
    LabelSets sets = LabelSets.of(new int[][] {{2, 0, 2}, {}, {1}}, 3);
    assertThat(sets.rows()).isEqualTo(3);
    assertThat(sets.labels(0)).containsExactly(0, 2);
    assertThat(sets.count(1)).isZero();
    assertThat(sets.contains(2, 1)).isTrue();
    assertThat(sets.contains(0, 1)).isFalse();
    assertThat(sets.labelCounts()).containsExactly(1, 1, 1);
    assertThat(sets.isSingleLabel()).isFalse();
  }

  @Test
  void subsetKeepsTheChosenRowsInOrder() {
    LabelSets sets = LabelSets.of(new int[][] {{0}, {1, 2}, {2}}, 3);
    LabelSets sub = sets.subset(new int[] {2, 1});
    assertThat(sub.labels(0)).containsExactly(2);
    assertThat(sub.labels(1)).containsExactly(1, 2);
    assertThat(sets.subset(new int[] {0, 2}).isSingleLabel()).isTrue();
  }

  @Test
  void rejectsIndicesOutsideTheVocabulary() {
    assertThatThrownBy(() -> LabelSets.of(new int[][] {{3}}, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outside [0, 3)");
    assertThatThrownBy(() -> new LabelSets(new int[] {0, 2}, new int[] {1, 1}, 3))
        .hasMessageContaining("must increase");
  }
}
