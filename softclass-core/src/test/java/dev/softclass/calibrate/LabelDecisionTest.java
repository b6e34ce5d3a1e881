package dev.softclass.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.data.LabelSets;
import org.junit.jupiter.api.Test;

class LabelDecisionTest {
  private final double[] probs = {0.9, 0.2, 0.55, 0.6, 0.1};

  @Test
  void globalThresholdChoosesEveryLabelReachingIt() {
    assertThat(LabelDecision.DEFAULT.decide(probs)).containsExactly(0, 2, 3);
    assertThat(new LabelDecision(0.6, null, 0, false, "0.6").decide(probs)).containsExactly(0, 3);
  }

  @Test
  void perLabelThresholdsOverrideTheGlobalOne() {
    double[] per = {0.95, 0.2, 0.5, 0.7, 0.05};
    assertThat(LabelDecision.DEFAULT.withPerLabel(per, "f1").decide(probs))
        .containsExactly(1, 2, 4);
  }

  @Test
  void topKKeepsTheMostProbableInIndexOrder() {
    assertThat(new LabelDecision(0.5, null, 2, false, "0.5").decide(probs)).containsExactly(0, 3);
    assertThat(new LabelDecision(0, null, 1, false, "top-1").decide(probs)).containsExactly(0);
  }

  @Test
  void atLeastOneFallsBackToTheMostProbable() {
    double[] low = {0.1, 0.3, 0.2};
    assertThat(LabelDecision.DEFAULT.decide(low)).isEmpty();
    assertThat(new LabelDecision(0.5, null, 0, true, "0.5").decide(low)).containsExactly(1);
  }

  @Test
  void thresholdsOutsideZeroOneAreRefused() {
    assertThatThrownBy(() -> new LabelDecision(1.5, null, 0, false, "x"))
        .hasMessageContaining("[0, 1]");
    assertThatThrownBy(() -> new LabelDecision(0.5, null, -1, false, "x"))
        .hasMessageContaining("top-k");
  }

  @Test
  void tunedThresholdsMaximiseEachLabelsF1() {
    // label 0: positives score 0.3 and 0.4, negatives 0.1 and 0.35 -> best F1 at 0.3 (F1 0.8)
    // label 1: no positive row -> the fallback
    double[][] p = {{0.3, 0.9}, {0.4, 0.1}, {0.1, 0.2}, {0.35, 0.3}};
    LabelSets truth = LabelSets.of(new int[][] {{0}, {0}, {}, {}}, 2);
    double[] t = LabelThresholds.tune(p, truth, ThresholdCriterion.parse("f1"), 0.5);
    assertThat(t).containsExactly(0.3, 0.5);
  }

  @Test
  void microF1ThresholdIsTheBestOneForAllDecisionsTogether() {
    // flattened: 0.9 yes, 0.2 no, 0.4 yes, 0.6 yes, 0.3 no, 0.1 no -> at 0.4 every decision is
    // right
    double[][] p = {{0.9, 0.2}, {0.4, 0.6}, {0.3, 0.1}};
    LabelSets truth = LabelSets.of(new int[][] {{0}, {0, 1}, {}}, 2);
    assertThat(LabelThresholds.microF1(p, truth)).isEqualTo(0.4);
  }
}
