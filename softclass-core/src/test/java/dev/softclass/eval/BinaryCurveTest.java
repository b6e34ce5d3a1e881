package dev.softclass.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryCurveTest {
  private static final double TOL = 1e-12;

  /**
   * Scores 0.9 (+), 0.8 (-), 0.8 (+), 0.3 (-): three thresholds 0.9, 0.8, 0.3 with (TP, FP) = (1,
   * 0), (2, 1), (2, 2). ROC through (0, 0), (0, .5), (.5, 1), (1, 1): AUC = 0.5 * 0.75 + 0.5 * 1 =
   * 0.875 (the tie counts half). AP = 0.5 * 1 + 0.5 * 2/3 = 5/6.
   */
  @Test
  void handComputedCurveWithATie() {
    BinaryCurve c =
        BinaryCurve.of(new double[] {0.9, 0.8, 0.8, 0.3}, new boolean[] {true, false, true, false});

    assertThat(c.thresholds()).containsExactly(0.9, 0.8, 0.3);
    assertThat(c.truePositives()).containsExactly(1, 2, 2);
    assertThat(c.falsePositives()).containsExactly(0, 1, 2);
    assertThat(c.rocAuc()).isCloseTo(0.875, within(TOL));
    assertThat(c.averagePrecision()).isCloseTo(5.0 / 6, within(TOL));
    assertThat(c.roc()[0]).containsExactly(new double[] {0, 0, 0.5, 1}, within(TOL));
    assertThat(c.roc()[1]).containsExactly(new double[] {0, 0.5, 1, 1}, within(TOL));
    assertThat(c.precisionRecall()[0])
        .containsExactly(new double[] {0.5, 2.0 / 3, 1, 1}, within(TOL));
    assertThat(c.precisionRecall()[1]).containsExactly(new double[] {1, 1, 0.5, 0}, within(TOL));
  }

  @Test
  void undefinedWithoutBothClasses() {
    BinaryCurve onlyPositives = BinaryCurve.of(new double[] {0.2, 0.7}, new boolean[] {true, true});
    BinaryCurve onlyNegatives =
        BinaryCurve.of(new double[] {0.2, 0.7}, new boolean[] {false, false});

    assertThat(onlyPositives.rocAuc()).isNaN();
    assertThat(onlyPositives.averagePrecision()).isEqualTo(1.0);
    assertThat(onlyNegatives.rocAuc()).isNaN();
    assertThat(onlyNegatives.averagePrecision()).isNaN();
  }
}
