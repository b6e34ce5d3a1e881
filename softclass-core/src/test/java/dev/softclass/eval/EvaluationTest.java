package dev.softclass.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.SoftclassException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final double TOL = 1e-12;
  private static final double EPS = Math.pow(2, -52);

  // Five rows, three classes. Predictions: a, a, c, b, a (argmax). Truth: a, b, c, b, c.
  private static final double[][] PROBS = {
    {0.7, 0.2, 0.1},
    {0.5, 0.4, 0.1},
    {0.1, 0.1, 0.8},
    {0.0, 1.0, 0.0}, // p(true) = 1 -> clipped to 1 - eps, row renormalised by 1 + eps
    {1.0, 0.0, 0.0}, // p(true) = 0 -> clipped to eps = 2^-52, row renormalised by 1 + eps
  };
  private static final int[] TRUTH = {0, 1, 2, 1, 2};

  @Test
  void handComputedThreeClassCase() {
    Evaluation e = Evaluation.of(PROBS, TRUTH, List.of("a", "b", "c"));

    assertThat(e.n()).isEqualTo(5);
    assertThat(e.accuracy()).isCloseTo(0.6, within(TOL));
    double expectedLogLoss =
        -(Math.log(0.7)
                + Math.log(0.4)
                + Math.log(0.8)
                + Math.log((1 - EPS) / (1 + EPS))
                + Math.log(EPS / (1 + EPS)))
            / 5;
    assertThat(e.logLoss()).isCloseTo(expectedLogLoss, within(TOL));
    assertThat(e.logLoss()).isCloseTo(7.50795, within(1e-5));
    assertThat(e.confusion()).isDeepEqualTo(new int[][] {{1, 0, 0}, {1, 1, 0}, {1, 0, 1}});

    ClassMetrics a = e.perClass().get(0);
    assertThat(a.name()).isEqualTo("a");
    assertThat(a.precision()).isCloseTo(1.0 / 3, within(TOL));
    assertThat(a.recall()).isCloseTo(1.0, within(TOL));
    assertThat(a.f1()).isCloseTo(0.5, within(TOL));
    assertThat(a.support()).isEqualTo(1);
    for (int c = 1; c < 3; c++) {
      ClassMetrics m = e.perClass().get(c);
      assertThat(m.precision()).isCloseTo(1.0, within(TOL));
      assertThat(m.recall()).isCloseTo(0.5, within(TOL));
      assertThat(m.f1()).isCloseTo(2.0 / 3, within(TOL));
      assertThat(m.support()).isEqualTo(2);
    }
    assertThat(e.macroF1()).isCloseTo(11.0 / 18, within(TOL));
  }

  @Test
  void handComputedAggregatesOfTheThreeClassCase() {
    Evaluation e = Evaluation.of(PROBS, TRUTH, List.of("a", "b", "c"));

    // recalls 1, 1/2, 1/2
    assertThat(e.balancedAccuracy()).isCloseTo(2.0 / 3, within(TOL));
    // F1 0.5 (support 1), 2/3 (2), 2/3 (2)
    assertThat(e.weightedF1()).isCloseTo((0.5 + 4 * 2.0 / 3) / 5, within(TOL));
    assertThat(e.microF1()).isCloseTo(0.6, within(TOL));
    // sum over classes of (p - y)^2: 0.14, 0.62, 0.06, 0, 2
    assertThat(e.brier()).isCloseTo(2.82 / 5, within(TOL));
    // the last row's true class c (p 0) ties with b (p 0), which ranks first: not in the top 2
    assertThat(e.topKAccuracy(1)).isCloseTo(0.6, within(TOL));
    assertThat(e.topKAccuracy(2)).isCloseTo(0.8, within(TOL));
    assertThat(e.topKAccuracy(3)).isEqualTo(1.0);
    assertThat(e.topKAccuracy(7)).isEqualTo(1.0);
  }

  @Test
  void aThresholdDecidesBinaryRowsAndIsReported() {
    double[][] probs = {{0.7, 0.3}, {0.6, 0.4}, {0.2, 0.8}};

    Evaluation argmax = Evaluation.of(probs, new int[] {1, 1, 0}, List.of("n", "y"));
    Evaluation low = Evaluation.of(probs, new int[] {1, 1, 0}, List.of("n", "y"), 0.3);

    assertThat(argmax.confusion()).isDeepEqualTo(new int[][] {{0, 1}, {2, 0}});
    assertThat(low.confusion()).isDeepEqualTo(new int[][] {{0, 1}, {0, 2}});
    assertThat(low.toMap()).containsEntry("threshold", 0.3);
    assertThat(low.logLoss()).isEqualTo(argmax.logLoss());
  }

  @Test
  void classAbsentFromTruthAndPredictionIsLeftOutOfMacroF1() {
    double[][] probs = new double[PROBS.length][];
    for (int i = 0; i < PROBS.length; i++) {
      probs[i] = new double[] {PROBS[i][0], PROBS[i][1], PROBS[i][2], 0.0};
    }

    Evaluation e = Evaluation.of(probs, TRUTH, List.of("a", "b", "c", "d"));

    assertThat(e.macroF1()).isCloseTo(11.0 / 18, within(TOL));
    assertThat(e.perClass().get(3))
        .isEqualTo(new ClassMetrics("d", 0, 0, 0, 0, Double.NaN, Double.NaN));
  }

  @Test
  void predictedButNeverTrueClassCountsInMacroF1WithZero() {
    // Truth a, a; predictions a, b. Class b: precision 0 (0/1), recall 0 (0/0) -> f1 0, included.
    double[][] probs = {{0.9, 0.1}, {0.2, 0.8}};

    Evaluation e = Evaluation.of(probs, new int[] {0, 0}, List.of("a", "b"));

    assertThat(e.perClass().get(0).f1()).isCloseTo(2.0 / 3, within(TOL));
    assertThat(e.perClass().get(1).f1()).isZero();
    assertThat(e.macroF1()).isCloseTo(1.0 / 3, within(TOL));
    assertThat(e.logLoss()).isCloseTo(-(Math.log(0.9) + Math.log(0.2)) / 2, within(TOL));
  }

  @Test
  void tiesGoToTheLowestClassIndex() {
    double[][] probs = {{0.5, 0.5}, {0.25, 0.75}};

    Evaluation e = Evaluation.of(probs, new int[] {1, 1}, List.of("x", "y"));

    assertThat(e.confusion()).isDeepEqualTo(new int[][] {{0, 0}, {1, 1}});
    assertThat(e.accuracy()).isEqualTo(0.5);
  }

  @Test
  void toMapUsesTheJsonKeys() {
    Evaluation e = Evaluation.of(PROBS, TRUTH, List.of("a", "b", "c"));

    Map<String, Object> m = e.toMap();

    assertThat(m.keySet())
        .containsExactly(
            "n",
            "accuracy",
            "balanced_accuracy",
            "macro_f1",
            "micro_f1",
            "weighted_f1",
            "log_loss",
            "brier",
            "roc_auc",
            "roc_auc_weighted",
            "average_precision",
            "average_precision_weighted",
            "top_k_accuracy",
            "ece",
            "mce",
            "ece_equal_mass",
            "mce_equal_mass",
            "per_class",
            "confusion",
            "reliability");
    assertThat(Evaluation.of(PROBS, TRUTH, List.of("a", "b", "c")).toMap())
        .doesNotContainKey("threshold");
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> perClass =
        (Map<String, Map<String, Object>>) m.get("per_class");
    assertThat(perClass.keySet()).containsExactly("a", "b", "c");
    assertThat(perClass.get("b")).containsEntry("support", 2).containsEntry("recall", 0.5);
    @SuppressWarnings("unchecked")
    Map<String, Object> confusion = (Map<String, Object>) m.get("confusion");
    assertThat(confusion.get("labels")).isEqualTo(List.of("a", "b", "c"));
  }

  @Test
  void emptyInputIsAnError() {
    assertThatThrownBy(() -> Evaluation.of(new double[0][], new int[0], List.of("a", "b")))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("no rows");
  }

  @Test
  void predictionCountMustMatchLabels() {
    assertThatThrownBy(() -> Evaluation.of(PROBS, new int[] {0, 1}, List.of("a", "b", "c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 predictions for 2 labels");
  }
}
