package dev.softclass.calibrate;

import dev.softclass.SoftclassException;
import dev.softclass.head.Head;
import java.util.List;

/**
 * Isotonic calibration, as scikit-learn's {@code CalibratedClassifierCV(method="isotonic")}: for a
 * binary model one {@link IsotonicRegression} maps the log-odds of class 1 to its probability
 * (class 0 gets the rest); for more classes one map per class, one-vs-rest, and the results are
 * divided by their sum (uniform if all are 0). Flexible, so it needs more calibration data than
 * {@link TemperatureScaling}, and it can give probabilities of exactly 0 or 1. Immutable.
 *
 * @param maps one map per class for multi-class models; one map (class 1) for binary models
 */
public record IsotonicCalibration(List<IsotonicRegression> maps) implements Calibrator {

  /**
   * @throws IllegalArgumentException if there are no maps
   */
  public IsotonicCalibration {
    maps = List.copyOf(maps);
    if (maps.isEmpty()) {
      throw new IllegalArgumentException("isotonic calibration needs at least one map");
    }
  }

  @Override
  public CalibrationMethod method() {
    return CalibrationMethod.ISOTONIC;
  }

  /** The number of classes this calibration is for. */
  public int numClasses() {
    return maps.size() == 1 ? 2 : maps.size();
  }

  @Override
  public void probabilities(Head head, double[] logits, double[] probs) {
    if (maps.size() == 1) {
      double p = maps.get(0).apply(LogOdds.of(head, logits, 1));
      probs[1] = p;
      probs[0] = 1 - p;
      return;
    }
    double sum = 0;
    for (int k = 0; k < maps.size(); k++) {
      probs[k] = maps.get(k).apply(LogOdds.of(head, logits, k));
      sum += probs[k];
    }
    for (int k = 0; k < maps.size(); k++) {
      probs[k] = sum == 0 ? 1.0 / maps.size() : probs[k] / sum;
    }
  }

  /**
   * Fits one map per class (one for a binary model).
   *
   * @param logits one row of head logits per example
   * @param truth the true class per example
   * @throws SoftclassException if there are no rows
   */
  public static IsotonicCalibration fit(Head head, double[][] logits, int[] truth) {
    int n = logits.length;
    if (n == 0) {
      throw new SoftclassException("calibration needs at least one labelled row");
    }
    int k = head.numClasses();
    int first = k == 2 ? 1 : 0;
    IsotonicRegression[] maps = new IsotonicRegression[k - first];
    double[] x = new double[n];
    double[] y = new double[n];
    for (int c = first; c < k; c++) {
      for (int i = 0; i < n; i++) {
        x[i] = LogOdds.of(head, logits[i], c);
        y[i] = truth[i] == c ? 1 : 0;
      }
      maps[c - first] = IsotonicRegression.fit(x, y);
    }
    return new IsotonicCalibration(List.of(maps));
  }
}
