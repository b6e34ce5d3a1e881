package dev.softclass.calibrate;

import static dev.softclass.JsonArrays.doubles;
import static dev.softclass.JsonArrays.ints;
import static dev.softclass.JsonArrays.matrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Calibrators against scikit-learn 1.2.1 and scipy on real model outputs (spambase log-odds, digits
 * softmax logits). Fixtures: {@code reference/sklearn_calibration.json}, made by {@code
 * reference/make_metrics_reference.py}.
 */
class CalibrationReferenceTest {
  private static JsonNode ref;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in =
        CalibrationReferenceTest.class.getResourceAsStream("/reference/sklearn_calibration.json")) {
      ref = new ObjectMapper().readTree(in);
    }
  }

  @Test
  void isotonicRegressionMatchesScikitLearnKnotsAndPredictions() {
    for (String key : new String[] {"spambase_logodds", "spambase_logodds_rounded"}) {
      JsonNode c = ref.at("/isotonic/" + key);
      double[] x = doubles(c.get("x"));
      double[] y = doubles(c.get("y"));

      IsotonicRegression fit = IsotonicRegression.fit(x, y);

      assertThat(fit.x()).as(key).containsExactly(doubles(c.get("knots_x")), within(0.0));
      assertThat(fit.y()).as(key).containsExactly(doubles(c.get("knots_y")), within(1e-12));
      double[] grid = doubles(c.get("grid"));
      double[] expected = doubles(c.get("grid_pred"));
      for (int i = 0; i < grid.length; i++) {
        assertThat(fit.apply(grid[i]))
            .as(key + " at " + grid[i])
            .isCloseTo(expected[i], within(1e-12));
      }
    }
  }

  @Test
  void plattScalingReachesTheOptimumScikitLearnApproaches() {
    JsonNode c = ref.get("platt");
    double[] s = doubles(c.get("logodds"));
    int[] y = ints(c.get("y"));
    double[][] logits = new double[s.length][];
    for (int i = 0; i < s.length; i++) {
      logits[i] = new double[] {s[i]};
    }

    PlattScaling fit = PlattScaling.fit(new SigmoidHead(), logits, y);

    // Exact optimum (scipy BFGS, gtol 1e-12) tightly; sklearn's own fit (bfgs, gtol 1e-5) loosely.
    assertThat(fit.a()).isCloseTo(c.at("/optimum_a_b/0").asDouble(), within(1e-7));
    assertThat(fit.b()).isCloseTo(c.at("/optimum_a_b/1").asDouble(), within(1e-7));
    assertThat(fit.a()).isCloseTo(-c.get("sklearn_A").asDouble(), within(1e-4));
    assertThat(fit.b()).isCloseTo(-c.get("sklearn_B").asDouble(), within(1e-4));
  }

  @Test
  void temperatureMatchesScipysOneDimensionalMinimum() {
    JsonNode c = ref.get("temperature");
    double[][] logits = matrix(c.get("logits"));
    int[] y = ints(c.get("y"));
    SoftmaxHead head = new SoftmaxHead(10);

    TemperatureScaling fit = TemperatureScaling.fit(head, logits, y);

    assertThat(fit.temperature()).isCloseTo(c.get("temperature").asDouble(), within(1e-6));
    assertThat(meanLogLoss(fit, head, logits, y)).isCloseTo(c.get("nll").asDouble(), within(1e-12));
    assertThat(meanLogLoss(new TemperatureScaling(1), head, logits, y))
        .isCloseTo(c.get("nll_at_1").asDouble(), within(1e-12));
  }

  @Test
  void oneVsRestIsotonicRenormalisesAsScikitLearn() {
    JsonNode t = ref.get("temperature");
    double[][] logits = matrix(t.get("logits"));
    int[] y = ints(t.get("y"));
    int half = ref.at("/isotonic_ovr/fit_rows").asInt();
    double[][] fitLogits = new double[half][];
    int[] fitY = new int[half];
    System.arraycopy(logits, 0, fitLogits, 0, half);
    System.arraycopy(y, 0, fitY, 0, half);
    SoftmaxHead head = new SoftmaxHead(10);

    IsotonicCalibration fit = IsotonicCalibration.fit(head, fitLogits, fitY);

    double[][] expected = matrix(ref.at("/isotonic_ovr/proba_rest"));
    double[] p = new double[10];
    for (int i = half; i < logits.length; i++) {
      fit.probabilities(head, logits[i], p);
      assertThat(p).as("row " + i).containsExactly(expected[i - half], within(1e-12));
    }
  }

  private static double meanLogLoss(Calibrator c, SoftmaxHead head, double[][] logits, int[] y) {
    double sum = 0;
    double[] p = new double[head.numClasses()];
    for (int i = 0; i < logits.length; i++) {
      c.probabilities(head, logits[i], p);
      sum -= Math.log(p[y[i]]);
    }
    return sum / logits.length;
  }
}
