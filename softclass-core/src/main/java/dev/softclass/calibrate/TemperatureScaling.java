package dev.softclass.calibrate;

import dev.softclass.SoftclassException;
import dev.softclass.head.Head;

/**
 * Temperature scaling (Guo et al., 2017): probabilities of {@code logits / T}. One parameter, so it
 * cannot overfit much, and it never changes which class is most probable. Immutable.
 *
 * @param temperature {@code T > 0}; above 1 softens the probabilities, below 1 sharpens them
 */
public record TemperatureScaling(double temperature) implements Calibrator {
  /** Search bounds for {@code 1 / T}. */
  private static final double MIN_INVERSE = 1e-4;

  private static final double MAX_INVERSE = 1e4;

  /**
   * @throws IllegalArgumentException unless {@code temperature} is finite and positive
   */
  public TemperatureScaling {
    if (!(temperature > 0 && Double.isFinite(temperature))) {
      throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
    }
  }

  @Override
  public CalibrationMethod method() {
    return CalibrationMethod.TEMPERATURE;
  }

  @Override
  public void probabilities(Head head, double[] logits, double[] probs) {
    double[] scaled = new double[logits.length];
    for (int j = 0; j < logits.length; j++) {
      scaled[j] = logits[j] / temperature;
    }
    head.probabilities(scaled, probs);
  }

  /**
   * The temperature minimising the mean log loss of {@code logits / T}. The loss is convex in
   * {@code 1 / T}, so the root of its derivative is found by bisection, to full double precision,
   * within {@code 1 / T} in [1e-4, 1e4].
   *
   * @param logits one row of head logits per example
   * @param truth the true class per example
   * @throws SoftclassException if there are no rows
   */
  public static TemperatureScaling fit(Head head, double[][] logits, int[] truth) {
    if (logits.length == 0) {
      throw new SoftclassException("calibration needs at least one labelled row");
    }
    double lo = MIN_INVERSE;
    double hi = MAX_INVERSE;
    if (slope(head, logits, truth, lo) >= 0) {
      return new TemperatureScaling(1 / lo);
    }
    if (slope(head, logits, truth, hi) <= 0) {
      return new TemperatureScaling(1 / hi);
    }
    for (int iter = 0; iter < 200 && hi - lo > 1e-15 * hi; iter++) {
      // geometric steps while the bracket spans orders of magnitude, then arithmetic ones
      double mid = hi / lo > 4 ? Math.sqrt(lo * hi) : (lo + hi) / 2;
      if (slope(head, logits, truth, mid) < 0) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return new TemperatureScaling(2 / (lo + hi));
  }

  /** The derivative of the mean log loss of {@code beta * logits} with respect to {@code beta}. */
  private static double slope(Head head, double[][] logits, int[] truth, double beta) {
    int k = head.numOutputs();
    double[] scaled = new double[k];
    double[] gradient = new double[k];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      for (int j = 0; j < k; j++) {
        scaled[j] = beta * logits[i][j];
      }
      head.lossAndGradient(scaled, truth[i], gradient);
      for (int j = 0; j < k; j++) {
        sum += gradient[j] * logits[i][j];
      }
    }
    return sum / logits.length;
  }
}
