package dev.softclass.kernel;

import dev.softclass.internal.kernel.ScalarKernels;
import java.util.Objects;

/**
 * The one home of hot loops. Every method checks its bounds (the message names both lengths) and
 * then calls the kernel implementation, which assumes valid input. Accumulation is in {@code
 * double}. Stateless and thread-safe.
 */
public final class VectorOps {
  private VectorOps() {}

  /** {@code sum_i x[xOff+i] * w[wOff+i]} over {@code n} elements. */
  public static double dot(float[] x, int xOff, float[] w, int wOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(wOff, n, w.length);
    return ScalarKernels.dot(x, xOff, w, wOff, n);
  }

  /** {@code sum_i x[xOff+i] * w[wOff+i]} over {@code n} elements, with double weights. */
  public static double dot(float[] x, int xOff, double[] w, int wOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(wOff, n, w.length);
    return ScalarKernels.dot(x, xOff, w, wOff, n);
  }

  /**
   * Sparse-dense dot: {@code sum_k val[k] * w[wOff + idx[k]]} for {@code k} in {@code [from, to)}.
   * Indices must lie in {@code [0, dim)}, with {@code wOff + dim <= w.length}.
   */
  public static double sparseDot(
      int[] idx, float[] val, int from, int to, double[] w, int wOff, int dim) {
    checkSparse(idx, val, from, to, w.length, wOff, dim);
    return ScalarKernels.sparseDot(idx, val, from, to, w, wOff);
  }

  /**
   * Sparse-dense dot with float weights; see {@link #sparseDot(int[], float[], int, int, double[],
   * int, int)}.
   */
  public static double sparseDot(
      int[] idx, float[] val, int from, int to, float[] w, int wOff, int dim) {
    checkSparse(idx, val, from, to, w.length, wOff, dim);
    return ScalarKernels.sparseDot(idx, val, from, to, w, wOff);
  }

  /** {@code y[yOff+i] += a * x[xOff+i]} over {@code n} elements. */
  public static void axpy(double a, float[] x, int xOff, double[] y, int yOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(yOff, n, y.length);
    ScalarKernels.axpy(a, x, xOff, y, yOff, n);
  }

  /** Sparse axpy: {@code y[yOff + idx[k]] += a * val[k]} for {@code k} in {@code [from, to)}. */
  public static void sparseAxpy(
      double a, int[] idx, float[] val, int from, int to, double[] y, int yOff, int dim) {
    checkSparse(idx, val, from, to, y.length, yOff, dim);
    ScalarKernels.sparseAxpy(a, idx, val, from, to, y, yOff);
  }

  /**
   * Adds a sparse row times a feature-major matrix to {@code out}: {@code out[c] += sum_p val[p] *
   * w[idx[p] * k + c]} for {@code c < k}. {@code w} holds {@code k} consecutive values per feature,
   * so each non-zero reads one contiguous block instead of {@code k} scattered ones.
   */
  public static void sparseRowTimesMatrix(
      int[] idx, float[] val, int from, int to, double[] w, int k, double[] out) {
    checkSparse(idx, val, from, to, w.length, 0, w.length / Math.max(k, 1));
    Objects.checkFromIndexSize(0, k, out.length);
    ScalarKernels.sparseRowTimesMatrix(idx, val, from, to, w, k, out);
  }

  /**
   * Adds the outer product of a sparse row and {@code delta} to a feature-major matrix: {@code
   * g[idx[p] * k + c] += val[p] * delta[c]} for {@code c < k}.
   */
  public static void sparseOuterAdd(
      int[] idx, float[] val, int from, int to, double[] delta, int k, double[] g) {
    checkSparse(idx, val, from, to, g.length, 0, g.length / Math.max(k, 1));
    Objects.checkFromIndexSize(0, k, delta.length);
    ScalarKernels.sparseOuterAdd(idx, val, from, to, delta, k, g);
  }

  /**
   * Replaces {@code z[off..off+n)} by its softmax, computed stably (the maximum is subtracted
   * first, so huge logits give finite probabilities), and returns the log-sum-exp of the input.
   */
  public static double softmaxInPlace(double[] z, int off, int n) {
    Objects.checkFromIndexSize(off, n, z.length);
    if (n == 0) {
      throw new IllegalArgumentException("softmax of nothing");
    }
    return ScalarKernels.softmax(z, off, n);
  }

  private static void checkSparse(
      int[] idx, float[] val, int from, int to, int wLength, int wOff, int dim) {
    Objects.checkFromToIndex(from, to, Math.min(idx.length, val.length));
    Objects.checkFromIndexSize(wOff, dim, wLength);
    // Index range: readers guarantee sorted in-range indices; check the last (largest) one.
    if (to > from && (idx[to - 1] >= dim || idx[from] < 0)) {
      throw new IndexOutOfBoundsException(
          "sparse index " + idx[to - 1] + " outside [0, " + dim + ")");
    }
  }
}
