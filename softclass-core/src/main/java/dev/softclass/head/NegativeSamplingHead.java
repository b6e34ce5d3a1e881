package dev.softclass.head;

/**
 * Negative sampling (fastText's {@code ns}): each training step is a binary logistic loss on the
 * true class (target 1) and {@code neg} classes drawn from a {@link ClassSampler} other than the
 * true one (target 0). Prediction gives each class's exact sigmoid score {@code 1 / (1 +
 * exp(-z_k))} over all classes, not fastText's 512-entry table. These scores need not sum to 1;
 * with {@code softmaxAtPrediction} the model reports a softmax over the logits instead, a
 * distribution the user asked for that training did not target.
 *
 * @param numClasses number of classes, at least 2
 * @param dim width of the body's output
 * @param neg negatives per example
 * @param sampler the negatives' distribution
 * @param softmaxAtPrediction whether {@link #probabilities} is a softmax over the logits
 */
public record NegativeSamplingHead(
    int numClasses, int dim, int neg, ClassSampler sampler, boolean softmaxAtPrediction)
    implements SgdHead {
  /** Checks the sizes. */
  public NegativeSamplingHead {
    if (numClasses < 2 || dim < 1 || neg < 1 || sampler.numClasses() != numClasses) {
      throw new IllegalArgumentException(
          "negative sampling needs >= 2 classes, dim >= 1, >= 1 negative and a sampler over the"
              + " classes");
    }
  }

  @Override
  public String name() {
    return "ns";
  }

  @Override
  public int numRows() {
    return numClasses;
  }

  @Override
  public boolean sumsToOne() {
    return softmaxAtPrediction;
  }

  @Override
  public double step(
      float[] hidden, int label, float[] out, float lr, float[] gradHidden, HeadScratch s) {
    Losses.checkLabel(label, numClasses);
    s.ensure(neg + 1);
    s.rows[0] = label;
    for (int i = 1; i <= neg; i++) {
      int c;
      do {
        c = sampler.sample(s.random);
      } while (c == label);
      s.rows[i] = c;
    }
    double loss = Losses.binaryLogistic(hidden, out, dim, s.rows, neg + 1, 1, lr, s);
    Losses.apply(hidden, out, dim, s.rows, s.coefficients, neg + 1, gradHidden, s);
    return loss;
  }

  @Override
  public void probabilities(float[] hidden, float[] out, double[] probs, HeadScratch s) {
    for (int k = 0; k < numClasses; k++) {
      double z = Losses.score(hidden, out, k, dim);
      probs[k] = softmaxAtPrediction ? z : Losses.sigmoid(z);
    }
    if (softmaxAtPrediction) {
      dev.softclass.kernel.VectorOps.softmaxInPlace(probs, 0, numClasses);
    }
  }

  /** The training count of each class the sampler was built from (a copy). */
  public double[] counts() {
    return sampler.counts();
  }
}
