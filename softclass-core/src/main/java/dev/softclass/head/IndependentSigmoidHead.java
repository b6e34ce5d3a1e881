package dev.softclass.head;

/**
 * Multi-label classification: one logistic regression per label sharing the body, {@code P(label k)
 * = sigmoid(z_k)}, each in [0, 1] with no constraint on their sum. The loss is the binary
 * cross-entropy summed over the labels, each positive term optionally weighted (PyTorch's {@code
 * BCEWithLogitsLoss(pos_weight)}): {@code sum_k w_k y_k softplus(-z_k) + (1 - y_k) softplus(z_k)}.
 *
 * @param numOutputs number of labels (and logits), at least 1
 */
public record IndependentSigmoidHead(int numOutputs) implements Head {
  /** The name in model files. */
  public static final String NAME = "independent_sigmoid";

  /**
   * @throws IllegalArgumentException if there is no label
   */
  public IndependentSigmoidHead {
    if (numOutputs < 1) {
      throw new IllegalArgumentException("a multi-label head needs at least one label");
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int numClasses() {
    return numOutputs;
  }

  @Override
  public void probabilities(double[] logits, double[] probs) {
    for (int k = 0; k < numOutputs; k++) {
      probs[k] = SigmoidHead.sigmoid(logits[k]);
    }
  }

  /** The loss of an example whose label set is the one label {@code label}, unweighted. */
  @Override
  public double lossAndGradient(double[] logits, int label, double[] gradient) {
    return lossAndGradient(logits, new int[] {label}, 0, 1, null, gradient);
  }

  /**
   * The loss of one example and its gradient with respect to the logits.
   *
   * @param logits {@code numOutputs()} logits (read only)
   * @param labels holds the example's label indices, increasing, at {@code [from, to)}
   * @param positiveWeight the weight of each label's positive term, or {@code null} for all 1
   * @param gradient receives {@code dLoss/dLogit}, {@code numOutputs()} values
   * @return the summed binary cross-entropy (natural log), finite for finite logits
   */
  public double lossAndGradient(
      double[] logits, int[] labels, int from, int to, double[] positiveWeight, double[] gradient) {
    double loss = 0;
    int next = from;
    for (int k = 0; k < numOutputs; k++) {
      double z = logits[k];
      // One exp and one log1p per label: with e = exp(-|z|), softplus(+-z) = max(+-z, 0) +
      // log1p(e), and both sigmoids are 1 / (1 + e) or e / (1 + e), each exact on its side.
      double e = Math.exp(-Math.abs(z));
      double log1p = Math.log1p(e);
      double big = 1 / (1 + e);
      double small = e * big;
      if (next < to && labels[next] == k) {
        next++;
        double w = positiveWeight == null ? 1 : positiveWeight[k];
        gradient[k] = -w * (z >= 0 ? small : big); // -w sigmoid(-z)
        loss += w * (Math.max(-z, 0) + log1p);
      } else {
        gradient[k] = z >= 0 ? big : small; // sigmoid(z)
        loss += Math.max(z, 0) + log1p;
      }
    }
    return loss;
  }
}
