package dev.softclass.internal.kernel;

/**
 * One implementation of every hot loop. Callers ({@link dev.softclass.kernel.VectorOps}) have
 * checked all bounds; implementations assume valid input. Implementations are stateless and
 * thread-safe.
 *
 * <p>"Feature-major" matrices hold {@code stride} consecutive values per feature, of which the
 * first {@code k} are used and the rest are zero; {@code stride} is a multiple of {@link #PAD} at
 * least {@code k}, so vector kernels may read and write whole blocks.
 */
public interface KernelImpl {
  /** Feature-major strides are multiples of this (8 doubles: one 512-bit vector). */
  int PAD = 8;

  /** A short name for logs and benchmark tables. */
  String name();

  double dot(float[] x, int xOff, float[] w, int wOff, int n);

  double dot(float[] x, int xOff, double[] w, int wOff, int n);

  /**
   * {@code out[outOff + k] = dot(x, xOff, w, k * n, n)} for {@code k < rows}: the products of one
   * row with every row of a row-major matrix, each the same bits as {@link #dot(float[], int,
   * float[], int, int)} gives.
   */
  default void dots(float[] x, int xOff, float[] w, int rows, int n, double[] out, int outOff) {
    for (int k = 0; k < rows; k++) {
      out[outOff + k] = dot(x, xOff, w, k * n, n);
    }
  }

  double dot(double[] x, int xOff, double[] y, int yOff, int n);

  void axpy(double a, double[] x, int xOff, double[] y, int yOff, int n);

  double sparseDot(int[] idx, float[] val, int from, int to, double[] w, int wOff);

  double sparseDot(int[] idx, float[] val, int from, int to, float[] w, int wOff);

  void axpy(double a, float[] x, int xOff, double[] y, int yOff, int n);

  void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n);

  void sparseAxpy(double a, int[] idx, float[] val, int from, int to, double[] y, int yOff);

  double softmax(double[] z, int off, int n);

  double softmax(float[] z, int off, int n);

  void rowTimesMatrix(float[] x, int xOff, int d, double[] w, int stride, int k, double[] out);

  void outerAdd(float[] x, int xOff, int d, double[] delta, int stride, int k, double[] g);

  void sparseRowTimesMatrix(
      int[] idx, float[] val, int from, int to, double[] w, int stride, int k, double[] out);

  void sparseOuterAdd(
      int[] idx, float[] val, int from, int to, double[] delta, int stride, int k, double[] g);

  /**
   * {@code out[c] += sum_p val[p] * w[idx[p] * stride + c]} for {@code c < stride}: a sparse row
   * times a float matrix of {@code stride}-wide rows ({@code stride} a multiple of 16).
   */
  void sparseRowTimesMatrix(
      int[] idx, float[] val, int from, int to, float[] w, int stride, float[] out);

  /**
   * {@code g[idx[p] * stride + c] += val[p] * delta[c]} for {@code c < stride}: the gradient of
   * {@link #sparseRowTimesMatrix(int[], float[], int, int, float[], int, float[])}.
   */
  void sparseOuterAdd(
      int[] idx, float[] val, int from, int to, float[] delta, int stride, float[] g);

  void gemm(float[] a, int m, int kd, float[] b, int n, float[] c);

  void gemmTransposedB(float[] a, int m, int kd, float[] b, int n, float[] c);

  /**
   * {@code c += a^T b}: {@code a} is {@code kd x m}, {@code b} is {@code kd x n}, {@code c} is
   * {@code m x n}.
   */
  void gemmTransposedA(float[] a, int kd, int m, float[] b, int n, float[] c);
}
