package dev.softclass.eval;

import java.util.Arrays;

/**
 * The ranking of one class against the rest by a score: at every distinct score (taken as a
 * threshold, "positive when score &gt;= t"), the counts of true and false positives. ROC and
 * precision-recall curves, ROC AUC and average precision follow from it, with scikit-learn's
 * conventions ({@code _binary_clf_curve}, {@code roc_auc_score}, {@code average_precision_score}):
 * tied scores form one point, the ROC curve starts at (0, 0), and average precision is the
 * uninterpolated sum of {@code (R_i - R_(i-1)) * P_i}. Immutable.
 */
public final class BinaryCurve {
  private final double[] thresholds; // decreasing
  private final long[] tps;
  private final long[] fps;
  private final long positives;
  private final long negatives;

  private BinaryCurve(double[] thresholds, long[] tps, long[] fps) {
    this.thresholds = thresholds;
    this.tps = tps;
    this.fps = fps;
    int last = thresholds.length - 1;
    this.positives = last < 0 ? 0 : tps[last];
    this.negatives = last < 0 ? 0 : fps[last];
  }

  /**
   * The curve of {@code scores} against {@code positive}.
   *
   * @param scores finite scores, higher meaning more likely positive
   * @param positive whether each row is a positive, same length
   * @throws IllegalArgumentException if the lengths differ or a score is not finite
   */
  public static BinaryCurve of(double[] scores, boolean[] positive) {
    int n = scores.length;
    if (positive.length != n) {
      throw new IllegalArgumentException(n + " scores for " + positive.length + " labels");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(scores[i])) {
        throw new IllegalArgumentException("score " + i + " is " + scores[i]);
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
    double[] t = new double[n];
    long[] tp = new long[n];
    long[] fp = new long[n];
    int points = 0;
    long tpSum = 0;
    long fpSum = 0;
    for (int i = 0; i < n; i++) {
      int r = order[i];
      if (positive[r]) {
        tpSum++;
      } else {
        fpSum++;
      }
      if (i == n - 1 || scores[order[i + 1]] != scores[r]) {
        t[points] = scores[r];
        tp[points] = tpSum;
        fp[points] = fpSum;
        points++;
      }
    }
    return new BinaryCurve(
        Arrays.copyOf(t, points), Arrays.copyOf(tp, points), Arrays.copyOf(fp, points));
  }

  /** Number of positive rows. */
  public long positives() {
    return positives;
  }

  /** Number of negative rows. */
  public long negatives() {
    return negatives;
  }

  /**
   * The distinct scores, decreasing; point {@code i} of the curves uses {@code thresholds()[i]}.
   */
  public double[] thresholds() {
    return thresholds.clone();
  }

  /** True positives when predicting positive at or above each threshold. */
  public long[] truePositives() {
    return tps.clone();
  }

  /** False positives when predicting positive at or above each threshold. */
  public long[] falsePositives() {
    return fps.clone();
  }

  /**
   * Area under the ROC curve (trapezoids through (0, 0) and every threshold's point), or NaN when
   * there are no positives or no negatives.
   */
  public double rocAuc() {
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double area = 0;
    long prevTp = 0;
    long prevFp = 0;
    for (int i = 0; i < thresholds.length; i++) {
      area += (double) (fps[i] - prevFp) * (tps[i] + prevTp) / 2.0;
      prevTp = tps[i];
      prevFp = fps[i];
    }
    return area / ((double) positives * negatives);
  }

  /**
   * Average precision: {@code sum_i (R_i - R_(i-1)) * P_i} over thresholds in decreasing order, or
   * NaN when there are no positives.
   */
  public double averagePrecision() {
    if (positives == 0) {
      return Double.NaN;
    }
    double ap = 0;
    long prevTp = 0;
    for (int i = 0; i < thresholds.length; i++) {
      if (tps[i] != prevTp) {
        double recallStep = (double) (tps[i] - prevTp) / positives;
        ap += recallStep * tps[i] / (tps[i] + fps[i]);
        prevTp = tps[i];
      }
    }
    return ap;
  }

  /**
   * The ROC curve: {@code [0]} false positive rates and {@code [1]} true positive rates, starting
   * at (0, 0) and then one point per threshold; NaN rates when a class is absent.
   */
  public double[][] roc() {
    int m = thresholds.length + 1;
    double[] fpr = new double[m];
    double[] tpr = new double[m];
    for (int i = 0; i < thresholds.length; i++) {
      fpr[i + 1] = negatives == 0 ? Double.NaN : (double) fps[i] / negatives;
      tpr[i + 1] = positives == 0 ? Double.NaN : (double) tps[i] / positives;
    }
    return new double[][] {fpr, tpr};
  }

  /**
   * The precision-recall curve in scikit-learn's order: {@code [0]} precision and {@code [1]}
   * recall, one point per threshold from the lowest threshold (highest recall) up, then the point
   * (precision 1, recall 0).
   */
  public double[][] precisionRecall() {
    int m = thresholds.length;
    double[] precision = new double[m + 1];
    double[] recall = new double[m + 1];
    for (int i = 0; i < m; i++) {
      int j = m - 1 - i;
      precision[i] = (double) tps[j] / (tps[j] + fps[j]);
      recall[i] = positives == 0 ? Double.NaN : (double) tps[j] / positives;
    }
    precision[m] = 1;
    recall[m] = 0;
    return new double[][] {precision, recall};
  }
}
