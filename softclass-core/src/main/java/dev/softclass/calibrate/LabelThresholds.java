package dev.softclass.calibrate;

import dev.softclass.data.LabelSets;

/**
 * Chooses one decision threshold per label of a multi-label model on held-out data, each label on
 * its own yes/no column with a {@link ThresholdCriterion} (for example max F1). Tuned per label,
 * rare labels get the lower thresholds that their smaller probabilities need.
 */
public final class LabelThresholds {
  private LabelThresholds() {}

  /**
   * The threshold of each label.
   *
   * @param probs each row's probability of each label (calibrated, as the model will use them)
   * @param truth each row's true labels
   * @param criterion how to choose (any but a fixed number)
   * @param fallback the threshold of a label that no row has, where nothing can be tuned
   */
  public static double[] tune(
      double[][] probs, LabelSets truth, ThresholdCriterion criterion, double fallback) {
    int labels = truth.numLabels();
    int[] counts = truth.labelCounts();
    double[] thresholds = new double[labels];
    double[] column = new double[probs.length];
    int[] yes = new int[probs.length];
    for (int k = 0; k < labels; k++) {
      if (counts[k] == 0) {
        thresholds[k] = fallback;
        continue;
      }
      for (int r = 0; r < probs.length; r++) {
        column[r] = probs[r][k];
        yes[r] = truth.contains(r, k) ? 1 : 0;
      }
      // A cost criterion may pick just above the top probability: never choose the label.
      thresholds[k] = Math.min(1, criterion.choose(column, yes).value());
    }
    return thresholds;
  }

  /**
   * The one threshold for every label that maximises micro-F1 (F1 over all row-label decisions
   * together, which weighs frequent labels most), chosen among the data's probabilities.
   *
   * @param probs each row's probability of each label
   * @param truth each row's true labels
   * @throws dev.softclass.SoftclassException if no row has a label
   */
  public static double microF1(double[][] probs, LabelSets truth) {
    int labels = truth.numLabels();
    double[] flat = new double[probs.length * labels];
    int[] yes = new int[flat.length];
    for (int r = 0; r < probs.length; r++) {
      for (int k = 0; k < labels; k++) {
        flat[r * labels + k] = probs[r][k];
        yes[r * labels + k] = truth.contains(r, k) ? 1 : 0;
      }
    }
    return ThresholdCriterion.parse("f1").choose(flat, yes).value();
  }
}
