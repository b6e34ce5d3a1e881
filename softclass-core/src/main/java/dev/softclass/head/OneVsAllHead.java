package dev.softclass.head;

/**
 * One binary logistic regression per class on a shared body (fastText's {@code ova}): every example
 * is a positive for its class (for each of its classes, with the multi-label {@link #step(float[],
 * int[], int, int, float[], float, float[], HeadScratch) step}) and a negative for all others.
 * {@link #probabilities} gives each class's exact sigmoid score; the scores need not sum to 1.
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
    s.ensure(numClasses);
    s.rows[0] = label;
    return step(hidden, s.rows, 0, 1, out, lr, gradHidden, s);
  }

  /**
   * One SGD step on a multi-label example, as fastText's {@code OneVsAllLoss}: a binary logistic
   * loss on every class, with target 1 for the classes in {@code labels[from..to)} and 0 for every
   * other. Updates as {@link #step(float[], int, float[], float, float[], HeadScratch)}, which is
   * this step with one label.
   *
   * @param labels the example's classes, distinct, in {@code labels[from..to)}
   * @return the example's training loss (natural log, summed over the classes) before the step
   * @throws IndexOutOfBoundsException if a label is not a class
   * @throws IllegalArgumentException if a label is given twice
   */
  public double step(
      float[] hidden,
      int[] labels,
      int from,
      int to,
      float[] out,
      float lr,
      float[] gradHidden,
      HeadScratch s) {
    s.ensure(numClasses);
    int[] marks = s.marks(numClasses);
    int mark = s.mark();
    int positives = to - from;
    for (int i = 0; i < positives; i++) {
      int label = labels[from + i];
      Losses.checkLabel(label, numClasses);
      if (marks[label] == mark) {
        throw new IllegalArgumentException("class " + label + " given twice");
      }
      marks[label] = mark;
      s.rows[i] = label;
    }
    // The positives first, then the negatives in class order.
    for (int k = 0, i = positives; k < numClasses; k++) {
      if (marks[k] != mark) {
        s.rows[i++] = k;
      }
    }
    double loss = Losses.binaryLogistic(hidden, out, dim, s.rows, numClasses, positives, lr, s);
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
