package dev.softclass.calibrate;

import java.util.Arrays;

/**
 * How a multi-label model turns its per-label probabilities into a set of labels: every label whose
 * probability reaches its threshold (one global threshold, or one per label), at most the {@code
 * topK} most probable of those, and, with {@code atLeastOne}, the most probable label when none
 * qualifies. fastText's {@code predict -k K -t T} is {@code topK = K, threshold = T}; plain top-k
 * is {@code threshold = 0}. Stored in the model file; {@code softclass predict} and {@code eval}
 * use it. Immutable.
 *
 * @param threshold the global threshold in [0, 1]
 * @param perLabel one threshold per label (overriding the global one), or {@code null}
 * @param topK the most labels to choose, or 0 for no limit
 * @param atLeastOne whether to choose the most probable label when no label qualifies
 * @param criterion how the thresholds were chosen, as given on the command line (for example {@code
 *     0.5} or {@code f1})
 */
public record LabelDecision(
    double threshold, double[] perLabel, int topK, boolean atLeastOne, String criterion) {
  /** Every label with probability at least 0.5 (scikit-learn's {@code predict}). */
  public static final LabelDecision DEFAULT = new LabelDecision(0.5, null, 0, false, "0.5");

  /**
   * @throws IllegalArgumentException if a threshold is outside [0, 1] or {@code topK < 0}
   */
  public LabelDecision {
    requireProbability(threshold);
    if (perLabel != null) {
      perLabel = perLabel.clone();
      for (double t : perLabel) {
        requireProbability(t);
      }
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k must be >= 0 (0: no limit), got " + topK);
    }
  }

  private static void requireProbability(double t) {
    if (!(t >= 0 && t <= 1)) {
      throw new IllegalArgumentException("a threshold must be in [0, 1], got " + t);
    }
  }

  @Override
  public double[] perLabel() {
    return perLabel == null ? null : perLabel.clone();
  }

  /** The threshold of label {@code k}. */
  public double threshold(int k) {
    return perLabel == null ? threshold : perLabel[k];
  }

  /** This decision with per-label thresholds {@code values} chosen by {@code how}. */
  public LabelDecision withPerLabel(double[] values, String how) {
    return new LabelDecision(threshold, values, topK, atLeastOne, how);
  }

  /**
   * This decision without per-label thresholds (they were chosen on probabilities that a new
   * calibration changes); the global threshold, top-k and fallback stay.
   */
  public LabelDecision withoutPerLabel() {
    return perLabel == null
        ? this
        : new LabelDecision(threshold, null, topK, atLeastOne, Double.toString(threshold));
  }

  /**
   * The chosen labels, in increasing index order.
   *
   * @param probs each label's probability
   */
  public int[] decide(double[] probs) {
    int[] chosen = new int[probs.length];
    int n = 0;
    for (int k = 0; k < probs.length; k++) {
      if (probs[k] >= threshold(k)) {
        chosen[n++] = k;
      }
    }
    if (topK > 0 && n > topK) {
      // Keep the topK most probable (the lower index on a tie), then restore index order.
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = chosen[i];
      }
      Arrays.sort(
          order, (a, b) -> probs[a] != probs[b] ? Double.compare(probs[b], probs[a]) : a - b);
      n = topK;
      for (int i = 0; i < n; i++) {
        chosen[i] = order[i];
      }
      Arrays.sort(chosen, 0, n);
    }
    if (n == 0 && atLeastOne && probs.length > 0) {
      int best = 0;
      for (int k = 1; k < probs.length; k++) {
        if (probs[k] > probs[best]) {
          best = k;
        }
      }
      return new int[] {best};
    }
    return Arrays.copyOf(chosen, n);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelDecision other
        && Double.compare(threshold, other.threshold) == 0
        && Arrays.equals(perLabel, other.perLabel)
        && topK == other.topK
        && atLeastOne == other.atLeastOne
        && criterion.equals(other.criterion);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(perLabel) + Double.hashCode(threshold) + topK;
  }
}
