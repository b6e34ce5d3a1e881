package dev.softclass.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.SoftclassException;
import dev.softclass.data.LabelEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {
  private static final LabelEncoder CLASSES = LabelEncoder.ofClasses(List.of("ham", "spam", "x"));

  @Test
  void balancedIsRowsOverClassesTimesCount() {
    // n = 100 rows, k = 3 classes: 100 / (3 * 80), 100 / (3 * 15), 100 / (3 * 5)
    double[] w = ClassWeights.balanced(new int[] {80, 15, 5});

    assertThat(w[0]).isCloseTo(100.0 / 240, within(1e-15));
    assertThat(w[1]).isCloseTo(100.0 / 45, within(1e-15));
    assertThat(w[2]).isCloseTo(100.0 / 15, within(1e-15));
    // every class carries the same total weight, n / k
    assertThat(80 * w[0]).isCloseTo(15 * w[1], within(1e-12));
    assertThat(15 * w[1]).isCloseTo(5 * w[2], within(1e-12));
  }

  @Test
  void balancedLeavesAnEmptyClassAtOne() {
    assertThat(ClassWeights.balanced(new int[] {4, 0, 4})).containsExactly(1.0, 1.0, 1.0);
  }

  @Test
  void explicitWeightsByNameOthersWeighOne() {
    double[] w = ClassWeights.parse(" spam=3, ham = 0.5 ", CLASSES, new int[] {1, 1, 1});

    assertThat(w).containsExactly(0.5, 3.0, 1.0);
    assertThat(ClassWeights.parse("none", CLASSES, new int[] {1, 1, 1})).isNull();
    assertThat(ClassWeights.parse("Balanced", CLASSES, new int[] {2, 1, 1}))
        .containsExactly(4.0 / 6, 4.0 / 3, 4.0 / 3);
  }

  @Test
  void badSpecsNameTheProblem() {
    assertThatThrownBy(() -> ClassWeights.parse("eggs=2", CLASSES, new int[3]))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("'eggs'")
        .hasMessageContaining("[ham, spam, x]");
    assertThatThrownBy(() -> ClassWeights.parse("spam=-1", CLASSES, new int[3]))
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> ClassWeights.parse("spam=two", CLASSES, new int[3]))
        .hasMessageContaining("'two'");
    assertThatThrownBy(() -> ClassWeights.parse("spam", CLASSES, new int[3]))
        .hasMessageContaining("class=weight");
    assertThatThrownBy(() -> ClassWeights.parse("spam=1,spam=2", CLASSES, new int[3]))
        .hasMessageContaining("twice");
  }

  @Test
  void perRowWeightsFollowTheLabels() {
    assertThat(ClassWeights.perRow(new double[] {0.5, 2}, new int[] {1, 0, 1}))
        .containsExactly(2.0, 0.5, 2.0);
  }
}
