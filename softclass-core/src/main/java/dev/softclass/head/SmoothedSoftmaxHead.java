package dev.softclass.head;

/**
 * A softmax head trained with label smoothing and/or the focal loss; it predicts exactly as {@link
 * SoftmaxHead} (a trained model carries a plain softmax head: the loss only shapes training).
 *
 * <p>With smoothed targets {@code q = (1 - eps) onehot(y) + eps / K} the loss is {@code sum_k q_k
 * FL(p_k)}, where {@code FL(p) = -(1 - p)^gamma log p} (Lin et al., "Focal loss for dense object
 * detection", 2017): {@code gamma = 0} is cross-entropy, larger values down-weight examples the
 * model already gets right. The gradient with respect to logit {@code j} is {@code c_j - p_j sum_k
 * c_k}, {@code c_k = q_k (gamma (1 - p_k)^(gamma - 1) p_k log p_k - (1 - p_k)^gamma)}.
 *
 * @param numOutputs number of classes, at least 2
 * @param labelSmoothing {@code eps} in [0, 1)
 * @param gamma the focal exponent, at least 0 (0: cross-entropy)
 */
public record SmoothedSoftmaxHead(int numOutputs, double labelSmoothing, double gamma)
    implements Head {
  /** Checks the ranges. */
  public SmoothedSoftmaxHead {
    new SoftmaxHead(numOutputs); // the same checks (and guard-rail message) as a softmax
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException(
          "label smoothing must be in [0, 1), got " + labelSmoothing);
    }
    if (!(gamma >= 0) || !Double.isFinite(gamma)) {
      throw new IllegalArgumentException("the focal gamma must be >= 0, got " + gamma);
    }
  }

  @Override
  public String name() {
    return "softmax";
  }

  @Override
  public int numClasses() {
    return numOutputs;
  }

  @Override
  public void probabilities(double[] logits, double[] probs) {
    new SoftmaxHead(numOutputs).probabilities(logits, probs);
  }

  @Override
  public double lossAndGradient(double[] logits, int label, double[] gradient) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < numOutputs; k++) {
      max = Math.max(max, logits[k]);
    }
    double sum = 0;
    for (int k = 0; k < numOutputs; k++) {
      sum += Math.exp(logits[k] - max);
    }
    double logSumExp = max + Math.log(sum);
    double off = labelSmoothing / numOutputs;
    double loss = 0;
    double cSum = 0;
    for (int k = 0; k < numOutputs; k++) {
      double q = (k == label ? 1 - labelSmoothing : 0) + off;
      double logP = logits[k] - logSumExp;
      double p = Math.exp(logP);
      double c = 0;
      if (q > 0) {
        double rest = 1 - p;
        double weight = gamma == 0 ? 1 : Math.pow(rest, gamma);
        // gamma (1 - p)^(gamma - 1) p log p, which tends to 0 as p -> 1
        double focalTerm =
            gamma == 0 || rest == 0 ? 0 : gamma * Math.pow(rest, gamma - 1) * p * logP;
        loss -= q * weight * logP;
        c = q * (focalTerm - weight);
      }
      gradient[k] = c;
      cSum += c;
    }
    for (int k = 0; k < numOutputs; k++) {
      gradient[k] -= Math.exp(logits[k] - logSumExp) * cSum;
    }
    return loss;
  }
}
