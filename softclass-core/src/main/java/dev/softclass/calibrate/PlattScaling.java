package dev.softclass.calibrate;

import dev.softclass.SoftclassException;
import dev.softclass.head.Head;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.SigmoidHead;

/**
 * Platt scaling for binary models: {@code P(class 1) = sigmoid(a * s + b)}, where {@code s} is the
 * model's log-odds of class 1. Fitted as Platt (1999) and scikit-learn's {@code
 * CalibratedClassifierCV(method="sigmoid")} do: maximum likelihood against the smoothed targets
 * {@code (N+ + 1) / (N+ + 2)} and {@code 1 / (N- + 2)}, here solved exactly by Newton's method with
 * a backtracking line search (Lin, Lin and Weng, 2007). Immutable.
 *
 * @param a the slope on the log-odds (scikit-learn's {@code -A})
 * @param b the offset (scikit-learn's {@code -B})
 */
public record PlattScaling(double a, double b) implements Calibrator {
  private static final int MAX_ITERATIONS = 100;

  /**
   * @throws IllegalArgumentException unless both parameters are finite
   */
  public PlattScaling {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("Platt parameters must be finite, got " + a + ", " + b);
    }
  }

  @Override
  public CalibrationMethod method() {
    return CalibrationMethod.PLATT;
  }

  @Override
  public void probabilities(Head head, double[] logits, double[] probs) {
    double u = a * LogOdds.of(head, logits, 1) + b;
    probs[1] = SigmoidHead.sigmoid(u);
    probs[0] = SigmoidHead.sigmoid(-u);
  }

  /**
   * Fits the two parameters.
   *
   * @param logits one row of head logits per example
   * @param truth the true class (0 or 1) per example
   * @throws SoftclassException unless the head is binary and there are rows
   */
  public static PlattScaling fit(Head head, double[][] logits, int[] truth) {
    if (head instanceof IndependentSigmoidHead) {
      throw new SoftclassException(
          "a multi-label model is Platt-scaled per label: use PerLabelPlattScaling");
    }
    if (head.numClasses() != 2) {
      throw new SoftclassException(
          "Platt scaling is for binary models; this one has "
              + head.numClasses()
              + " classes: use --method temperature or isotonic");
    }
    if (logits.length == 0) {
      throw new SoftclassException("calibration needs at least one labelled row");
    }
    double[] s = new double[logits.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = LogOdds.of(head, logits[i], 1);
    }
    return fitScores(s, truth);
  }

  /**
   * Fits the two parameters to log-odds scores.
   *
   * @param s the model's log-odds of class 1 per example (at least one)
   * @param truth the true class (0 or 1) per example
   */
  public static PlattScaling fitScores(double[] s, int[] truth) {
    int n = s.length;
    double[] t = new double[n];
    int positives = 0;
    for (int i = 0; i < n; i++) {
      positives += truth[i];
    }
    int negatives = n - positives;
    double hiTarget = (positives + 1.0) / (positives + 2.0);
    double loTarget = 1.0 / (negatives + 2.0);
    for (int i = 0; i < n; i++) {
      t[i] = truth[i] == 1 ? hiTarget : loTarget;
    }
    double a = 0;
    double b = Math.log((positives + 1.0) / (negatives + 1.0));
    double f = loss(s, t, a, b);
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      double ga = 0;
      double gb = 0;
      double haa = 1e-12;
      double hab = 0;
      double hbb = 1e-12;
      for (int i = 0; i < n; i++) {
        double p = SigmoidHead.sigmoid(a * s[i] + b);
        double d = p - t[i];
        double w = p * (1 - p);
        ga += d * s[i];
        gb += d;
        haa += w * s[i] * s[i];
        hab += w * s[i];
        hbb += w;
      }
      if (Math.max(Math.abs(ga), Math.abs(gb)) < 1e-11 * n) {
        break;
      }
      double det = haa * hbb - hab * hab;
      double da = -(hbb * ga - hab * gb) / det;
      double db = -(-hab * ga + haa * gb) / det;
      double step = 1;
      double decrease = ga * da + gb * db;
      double next;
      while ((next = loss(s, t, a + step * da, b + step * db)) > f + 1e-4 * step * decrease) {
        step /= 2;
        if (step < 1e-10) {
          return new PlattScaling(a, b);
        }
      }
      a += step * da;
      b += step * db;
      f = next;
    }
    return new PlattScaling(a, b);
  }

  /** Cross-entropy of {@code sigmoid(a s + b)} against the smoothed targets. */
  private static double loss(double[] s, double[] t, double a, double b) {
    double sum = 0;
    for (int i = 0; i < s.length; i++) {
      double u = a * s[i] + b;
      // -t log sigmoid(u) - (1 - t) log sigmoid(-u) = softplus(u) - t u
      sum += Math.max(u, 0) + Math.log1p(Math.exp(-Math.abs(u))) - t[i] * u;
    }
    return sum;
  }
}
