package dev.softclass.head;

import dev.softclass.kernel.VectorOps;

/**
 * The full softmax for SGD training: one output row per class, every row updated by every example,
 * {@code P(k) = exp(z_k) / sum_j exp(z_j)}, cross-entropy loss. The reference the sampled heads
 * approximate; exact, and the slowest to train with many classes.
 *
 * @param numClasses number of classes, at least 2
 * @param dim width of the body's output
 */
public record FullSoftmaxHead(int numClasses, int dim) implements SgdHead {
  /** Checks the sizes. */
  public FullSoftmaxHead {
    if (numClasses < 2 || dim < 1) {
      throw new IllegalArgumentException("softmax needs >= 2 classes and dim >= 1");
    }
  }

  @Override
  public String name() {
    return "softmax";
  }

  @Override
  public int numRows() {
    return numClasses;
  }

  @Override
  public boolean sumsToOne() {
    return true;
  }

  @Override
  public double step(
      float[] hidden, int label, float[] out, float lr, float[] gradHidden, HeadScratch s) {
    Losses.checkLabel(label, numClasses);
    double[] z = s.scores;
    for (int k = 0; k < numClasses; k++) {
      z[k] = Losses.trainingScore(hidden, out, k, dim, s);
    }
    double zLabel = z[label];
    double lse = VectorOps.softmaxInPlace(z, 0, numClasses);
    s.ensure(numClasses);
    for (int k = 0; k < numClasses; k++) {
      s.rows[k] = k;
      s.coefficients[k] = lr * ((k == label ? 1 : 0) - z[k]);
    }
    Losses.apply(hidden, out, dim, s.rows, s.coefficients, numClasses, gradHidden, s);
    return lse - zLabel;
  }

  @Override
  public void probabilities(float[] hidden, float[] out, double[] probs, HeadScratch s) {
    for (int k = 0; k < numClasses; k++) {
      probs[k] = Losses.score(hidden, out, k, dim);
    }
    VectorOps.softmaxInPlace(probs, 0, numClasses);
  }
}
