package dev.softclass.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.SoftclassException;
import org.junit.jupiter.api.Test;

class ThresholdCriterionTest {
  /**
   * Six rows by decreasing p1: 0.9 (+), 0.8 (+), 0.7 (-), 0.6 (+), 0.4 (-), 0.2 (-). Thresholds and
   * (TP, FP): .9 (1,0), .8 (2,0), .7 (2,1), .6 (3,1), .4 (3,2), .2 (3,3). Precision 1, 1, 2/3, 3/4,
   * 3/5, 1/2; recall 1/3, 2/3, 2/3, 1, 1, 1. F1: .5, .8, 2/3, 6/7, .75, 2/3.
   */
  private static final double[] P1 = {0.7, 0.2, 0.9, 0.6, 0.4, 0.8};

  private static final int[] TRUTH = {0, 0, 1, 1, 0, 1};

  @Test
  void maxF1() {
    Threshold t = ThresholdCriterion.parse("f1").choose(P1, TRUTH);

    assertThat(t.value()).isEqualTo(0.6);
    assertThat(t.precision()).isCloseTo(0.75, within(1e-12));
    assertThat(t.recall()).isEqualTo(1.0);
    assertThat(t.criterion()).isEqualTo("f1");
  }

  @Test
  void fBetaWeighsPrecisionForSmallBeta() {
    // F0.5 = 1.25 P R / (0.25 P + R): .8 -> 0.909, .6 -> 0.789
    assertThat(ThresholdCriterion.parse("fbeta:0.5").choose(P1, TRUTH).value()).isEqualTo(0.8);
  }

  @Test
  void precisionAndRecallTargets() {
    assertThat(ThresholdCriterion.parse("precision:0.7").choose(P1, TRUTH).value()).isEqualTo(0.6);
    assertThat(ThresholdCriterion.parse("precision:1").choose(P1, TRUTH).value()).isEqualTo(0.8);
    assertThat(ThresholdCriterion.parse("recall:0.6").choose(P1, TRUTH).value()).isEqualTo(0.8);
    assertThat(ThresholdCriterion.parse("recall:1").choose(P1, TRUTH).value()).isEqualTo(0.6);
  }

  @Test
  void costs() {
    // cost FP=1, FN=5: .8 -> 0+5=5, .6 -> 1, .2 -> 3: choose .6
    assertThat(ThresholdCriterion.parse("cost:1,5").choose(P1, TRUTH).value()).isEqualTo(0.6);
    // FP=10, FN=1: .9 -> 2, .8 -> 1, never -> 3: choose .8
    assertThat(ThresholdCriterion.parse("cost:10,1").choose(P1, TRUTH).value()).isEqualTo(0.8);
    // Top score negative, FP=10, FN=1: .9 -> 10 + 1, .5 -> 10, never -> 1: nothing is class 1
    Threshold never =
        ThresholdCriterion.parse("cost:10,1").choose(new double[] {0.9, 0.5}, new int[] {0, 1});
    assertThat(never.value()).isGreaterThan(0.9);
    assertThat(never.recall()).isZero();
  }

  @Test
  void fixedValueReportsItsPrecisionAndRecall() {
    Threshold t = ThresholdCriterion.parse("0.65").choose(P1, TRUTH);

    assertThat(t.value()).isEqualTo(0.65);
    assertThat(t.precision()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(t.recall()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(t.decide(0.65)).isEqualTo(1);
    assertThat(t.decide(0.6499)).isZero();
  }

  @Test
  void unreachableTargetAndBadSpellingsAreUserErrors() {
    assertThatThrownBy(
            () ->
                ThresholdCriterion.parse("precision:1")
                    .choose(new double[] {0.9, 0.8}, new int[] {0, 1}))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("no threshold reaches precision 1.0");
    assertThatThrownBy(() -> ThresholdCriterion.parse("recal:0.9"))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("f1, fbeta:BETA, precision:TARGET");
    assertThatThrownBy(() -> ThresholdCriterion.parse("cost:1"))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("cost:FP_COST,FN_COST");
    assertThatThrownBy(() -> ThresholdCriterion.parse("1.5"))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> ThresholdCriterion.parse("precision:0"))
        .isInstanceOf(SoftclassException.class);
  }
}
