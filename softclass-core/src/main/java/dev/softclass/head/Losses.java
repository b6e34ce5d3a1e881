package dev.softclass.head;

import dev.softclass.kernel.VectorOps;

/** The shared pieces of the SGD heads: scores, stable log-sigmoid, and the two-phase update. */
final class Losses {
  private Losses() {}

  /** {@code out[row] . hidden}. */
  static double score(float[] hidden, float[] out, int row, int dim) {
    return VectorOps.dot(hidden, 0, out, row * dim, dim);
  }

  /** {@code out[row] . hidden} in a training step, on the kernels {@code s} trains with. */
  static double trainingScore(float[] hidden, float[] out, int row, int dim, HeadScratch s) {
    return s.kernels.dot(hidden, 0, out, row * dim, dim);
  }

  /** {@code log(sigmoid(x))}, stable for any finite x. */
  static double logSigmoid(double x) {
    return logSigmoid(x, log1pExpNegAbs(x));
  }

  /**
   * {@code l = log(1 + exp(-|x|))}, the one transcendental term of both {@code logSigmoid(x)} and
   * {@code logSigmoid(-x)}: a tree node that needs both children's factors computes it once and
   * passes it to {@link #logSigmoid(double, double)}.
   */
  static double log1pExpNegAbs(double x) {
    return Math.log1p(Math.exp(-Math.abs(x)));
  }

  /**
   * {@code logSigmoid(x)} from {@code l = log1pExpNegAbs(x)}, which is also {@code
   * log1pExpNegAbs(-x)}: {@code -l} for {@code x >= 0}, else {@code x - l}.
   */
  static double logSigmoid(double x, double l) {
    return x >= 0 ? -l : x - l;
  }

  /** The exact logistic function. */
  static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }

  /**
   * Applies an SGD step whose gradient is {@code coefficient[i] * hidden} for output row {@code
   * rows[i]} and {@code coefficient[i] * out[rows[i]]} for the hidden vector: first every hidden
   * contribution (from the rows before the step), then the row updates. The coefficients already
   * include {@code -lr}. Runs on the kernels {@code s} trains with.
   */
  static void apply(
      float[] hidden,
      float[] out,
      int dim,
      int[] rows,
      double[] coefficients,
      int n,
      float[] grad,
      HeadScratch s) {
    VectorOps.Kernels k = s.kernels;
    for (int i = 0; i < n; i++) {
      k.axpy((float) coefficients[i], out, rows[i] * dim, grad, 0, dim);
    }
    for (int i = 0; i < n; i++) {
      k.axpy((float) coefficients[i], hidden, 0, out, rows[i] * dim, dim);
    }
  }

  /**
   * Binary logistic loss over {@code rows[0..n)} with targets: the first {@code positives} rows
   * have target 1, the rest 0. Fills the coefficients of {@code s} with {@code lr * (target -
   * sigmoid)} and returns the summed loss.
   */
  static double binaryLogistic(
      float[] hidden,
      float[] out,
      int dim,
      int[] rows,
      int n,
      int positives,
      float lr,
      HeadScratch s) {
    double[] c = s.coefficients;
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double z = trainingScore(hidden, out, rows[i], dim, s);
      boolean positive = i < positives;
      loss -= logSigmoid(positive ? z : -z);
      c[i] = lr * ((positive ? 1 : 0) - sigmoid(z));
    }
    return loss;
  }

  /** Checks a class index. */
  static void checkLabel(int label, int numClasses) {
    if (label < 0 || label >= numClasses) {
      throw new IndexOutOfBoundsException("class " + label + " outside [0, " + numClasses + ")");
    }
  }
}
