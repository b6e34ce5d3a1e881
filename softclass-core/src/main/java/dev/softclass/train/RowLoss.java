package dev.softclass.train;

import dev.softclass.data.LabelSets;
import dev.softclass.head.Head;
import dev.softclass.head.IndependentSigmoidHead;

/**
 * The loss of one training row and its gradient with respect to the head's logits: what an
 * objective needs to know of the labels, so the same batched kernels train single-label and
 * multi-label heads alike.
 */
@FunctionalInterface
interface RowLoss {
  /**
   * @param row the row's index in the training data
   * @param logits the head's logits for the row (read only)
   * @param gradient receives {@code dLoss/dLogit}
   * @return the row's loss
   */
  double lossAndGradient(int row, double[] logits, double[] gradient);

  /** The head's own loss against one class per row. */
  static RowLoss of(Head head, int[] y) {
    return (r, z, g) -> head.lossAndGradient(z, y[r], g);
  }

  /**
   * {@code base} with row {@code r}'s loss and gradient counted {@code rowWeights[r]} times (class
   * weights), or {@code base} itself when {@code rowWeights} is null.
   */
  static RowLoss weighted(RowLoss base, double[] rowWeights) {
    if (rowWeights == null) {
      return base;
    }
    return (r, z, g) -> {
      double w = rowWeights[r];
      double loss = base.lossAndGradient(r, z, g);
      for (int k = 0; k < g.length; k++) {
        g[k] *= w;
      }
      return w * loss;
    };
  }

  /**
   * The summed binary cross-entropy of independent sigmoids against each row's label set.
   *
   * @param positiveWeight per-label weight of the positive terms, or {@code null} for none
   */
  static RowLoss multiLabel(IndependentSigmoidHead head, LabelSets sets, double[] positiveWeight) {
    int[] offsets = sets.offsets();
    int[] labels = sets.flatLabels();
    return (r, z, g) ->
        head.lossAndGradient(z, labels, offsets[r], offsets[r + 1], positiveWeight, g);
  }
}
