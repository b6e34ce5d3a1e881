package dev.softclass.head;

/**
 * One binary logistic regression per class on a shared body (fastText's {@code ova}): every example
 * is a positive for its class and a negative for all others. {@link #probabilities} gives each
 * class's exact sigmoid score; the scores need not sum to 1.
 *
 * @param numClasses number of classes, at least 2
 * @param dim width of the body's output
 */
public record OneVsAllHead(int numClasses, int dim) implements SgdHead {
  /** Checks the sizes. */
  public OneVsAllHead {
    if (numClasses < 2 || dim < 1) {
      throw new IllegalArgumentException("one-vs-all needs >= 2 classes and dim >= 1");
    }
  }

  @Override
  public String name() {
    return "ova";
  }

  @Override
  public int numRows() {
    return numClasses;
  }

  @Override
  public boolean sumsToOne() {
    return false;
  }

  @Override
  public double step(
      float[] hidden, int label, float[] out, float lr, float[] gradHidden, HeadScratch s) {
    Losses.checkLabel(label, numClasses);
    s.ensure(numClasses);
    s.rows[0] = label;
    for (int k = 0, i = 1; k < numClasses; k++) {
      if (k != label) {
        s.rows[i++] = k;
      }
    }
    double loss = Losses.binaryLogistic(hidden, out, dim, s.rows, numClasses, 1, lr, s);
    Losses.apply(hidden, out, dim, s.rows, s.coefficients, numClasses, gradHidden, s);
    return loss;
  }

  @Override
  public void probabilities(float[] hidden, float[] out, double[] probs, HeadScratch s) {
    for (int k = 0; k < numClasses; k++) {
      probs[k] = Losses.sigmoid(Losses.score(hidden, out, k, dim));
    }
  }
}
