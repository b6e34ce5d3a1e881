package dev.softclass.kernel;

import dev.softclass.internal.kernel.KernelImpl;
import dev.softclass.internal.kernel.KernelProvider;
import java.util.Objects;

/**
 * The one home of hot loops. Every method checks its bounds and then calls the implementation
 * chosen once at start-up: the Vector API kernels when {@code jdk.incubator.vector} is readable,
 * else plain Java (see {@link #kernelName()}). Results of the two agree to floating-point rounding;
 * within one JVM they are deterministic. Stateless and thread-safe.
 */
public final class VectorOps {
  private static final KernelImpl IMPL = KernelProvider.get();

  /** Feature-major matrices use row strides that are multiples of this. */
  public static final int PAD = KernelImpl.PAD;

  private VectorOps() {}

  /**
   * Below this many multiply-adds in a whole training run, the plain-Java kernels finish first:
   * Vector API code is slow (and allocates) until C2 has compiled it, which takes about half a
   * second of a run (measured: digits trained in 0.41 s on the plain kernels and 0.95 s on the
   * Vector API ones, with 350 MB more memory).
   */
  public static final double VECTOR_API_MIN_WORK = 2e9;

  /**
   * The kernels for a run of about {@code multiplyAdds} operations: the fast implementation for
   * large runs, plain Java for small ones (see {@link #VECTOR_API_MIN_WORK}).
   */
  public static Kernels forWork(double multiplyAdds) {
    return multiplyAdds >= VECTOR_API_MIN_WORK ? Kernels.BEST : Kernels.PLAIN;
  }

  /** Name of the implementation in use, for example {@code panama-512bit} or {@code scalar}. */
  public static String kernelName() {
    return IMPL.name();
  }

  /**
   * The smallest feature-major stride for {@code k} columns: {@code k} rounded up to {@link #PAD}.
   */
  public static int stride(int k) {
    return (k + PAD - 1) / PAD * PAD;
  }

  /** {@code sum_i x[xOff+i] * w[wOff+i]} over {@code n} elements. */
  public static double dot(float[] x, int xOff, float[] w, int wOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(wOff, n, w.length);
    return IMPL.dot(x, xOff, w, wOff, n);
  }

  /**
   * {@code out[outOff + k] = dot(x, xOff, w, k * n, n)} for every row {@code k} of the row-major
   * {@code rows × n} matrix {@code w}: the same bits as one {@link #dot(float[], int, float[], int,
   * int)} per row, faster for many short rows (a prediction's logits).
   */
  public static void dots(
      float[] x, int xOff, float[] w, int rows, int n, double[] out, int outOff) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(0, Math.multiplyExact(rows, n), w.length);
    Objects.checkFromIndexSize(outOff, rows, out.length);
    IMPL.dots(x, xOff, w, rows, n, out, outOff);
  }

  /** {@code sum_i x[xOff+i] * w[wOff+i]} over {@code n} elements, with double weights. */
  public static double dot(float[] x, int xOff, double[] w, int wOff, int n) {
    return Kernels.BEST.dot(x, xOff, w, wOff, n);
  }

  /** {@code sum_i x[i] * y[i]} over two whole double arrays of the same length. */
  public static double dot(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("lengths differ: " + x.length + " and " + y.length);
    }
    return IMPL.dot(x, 0, y, 0, x.length);
  }

  /** {@code y[i] += a * x[i]} over two whole double arrays of the same length. */
  public static void axpy(double a, double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("lengths differ: " + x.length + " and " + y.length);
    }
    IMPL.axpy(a, x, 0, y, 0, x.length);
  }

  /**
   * Sparse-dense dot: {@code sum_k val[k] * w[wOff + idx[k]]} for {@code k} in {@code [from, to)};
   * indices increasing and in {@code [0, dim)}, with {@code wOff + dim <= w.length}.
   */
  public static double sparseDot(
      int[] idx, float[] val, int from, int to, double[] w, int wOff, int dim) {
    return Kernels.BEST.sparseDot(idx, val, from, to, w, wOff, dim);
  }

  /** Sparse-dense dot with float weights. */
  public static double sparseDot(
      int[] idx, float[] val, int from, int to, float[] w, int wOff, int dim) {
    checkSparse(idx, val, from, to, w.length, wOff, dim);
    return IMPL.sparseDot(idx, val, from, to, w, wOff);
  }

  /** {@code y[yOff+i] += a * x[xOff+i]} over {@code n} elements. */
  public static void axpy(double a, float[] x, int xOff, double[] y, int yOff, int n) {
    Kernels.BEST.axpy(a, x, xOff, y, yOff, n);
  }

  /** {@code y[yOff+i] += a * x[xOff+i]} over {@code n} floats. */
  public static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
    Objects.checkFromIndexSize(xOff, n, x.length);
    Objects.checkFromIndexSize(yOff, n, y.length);
    IMPL.axpy(a, x, xOff, y, yOff, n);
  }

  /** Sparse axpy: {@code y[yOff + idx[k]] += a * val[k]} for {@code k} in {@code [from, to)}. */
  public static void sparseAxpy(
      double a, int[] idx, float[] val, int from, int to, double[] y, int yOff, int dim) {
    Kernels.BEST.sparseAxpy(a, idx, val, from, to, y, yOff, dim);
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
    return IMPL.softmax(z, off, n);
  }

  /** Float version of {@link #softmaxInPlace(double[], int, int)}; the log-sum-exp in double. */
  public static double softmaxInPlace(float[] z, int off, int n) {
    Objects.checkFromIndexSize(off, n, z.length);
    if (n == 0) {
      throw new IllegalArgumentException("softmax of nothing");
    }
    return IMPL.softmax(z, off, n);
  }

  /**
   * Adds a dense row times a feature-major matrix to {@code out}: {@code out[c] += sum_j x[xOff+j]
   * * w[j*stride + c]} for {@code c < k}. Zeros in the row are skipped. {@code out} needs at least
   * {@link #stride(int) stride(k)} entries; entries past {@code k} get the (zero) padding columns'
   * sums.
   */
  public static void rowTimesMatrix(
      float[] x, int xOff, int d, double[] w, int stride, int k, double[] out) {
    Kernels.BEST.rowTimesMatrix(x, xOff, d, w, stride, k, out);
  }

  /**
   * Adds the outer product of a dense row and {@code delta} to a feature-major matrix: {@code
   * g[j*stride + c] += x[xOff+j] * delta[c]}. {@code delta} needs {@link #stride(int) stride(k)}
   * entries, zero past {@code k}.
   */
  public static void outerAdd(
      float[] x, int xOff, int d, double[] delta, int stride, int k, double[] g) {
    Kernels.BEST.outerAdd(x, xOff, d, delta, stride, k, g);
  }

  /** Sparse-row form of {@link #rowTimesMatrix}; indices in {@code [0, dim)}. */
  public static void sparseRowTimesMatrix(
      int[] idx,
      float[] val,
      int from,
      int to,
      int dim,
      double[] w,
      int stride,
      int k,
      double[] out) {
    Kernels.BEST.sparseRowTimesMatrix(idx, val, from, to, dim, w, stride, k, out);
  }

  /**
   * A sparse row times a float matrix of {@code dim} rows, each {@code stride} wide: {@code out[c]
   * += sum_k val[k] * w[idx[k] * stride + c]} for {@code c < stride} and {@code k} in {@code [from,
   * to)}; indices in {@code [0, dim)}, {@code stride} a multiple of 16, {@code out} at least {@code
   * stride} long.
   */
  public static void sparseRowTimesMatrix(
      int[] idx, float[] val, int from, int to, int dim, float[] w, int stride, float[] out) {
    checkSparse(idx, val, from, to, Integer.MAX_VALUE, 0, dim);
    checkFloatRows(dim, stride, w.length, out.length);
    IMPL.sparseRowTimesMatrix(idx, val, from, to, w, stride, out);
  }

  /**
   * The gradient of {@link #sparseRowTimesMatrix(int[], float[], int, int, int, float[], int,
   * float[])}: {@code g[idx[k] * stride + c] += val[k] * delta[c]} for {@code c < stride}.
   */
  public static void sparseOuterAdd(
      int[] idx, float[] val, int from, int to, int dim, float[] delta, int stride, float[] g) {
    checkSparse(idx, val, from, to, Integer.MAX_VALUE, 0, dim);
    checkFloatRows(dim, stride, g.length, delta.length);
    IMPL.sparseOuterAdd(idx, val, from, to, delta, stride, g);
  }

  private static void checkFloatRows(int dim, int stride, int matrixLength, int vectorLength) {
    if (stride < 0
        || stride % 16 != 0
        || vectorLength < stride
        || (long) dim * stride > matrixLength) {
      throw new IllegalArgumentException(
          "a "
              + dim
              + " x "
              + stride
              + " matrix (stride a multiple of 16) needs "
              + (long) dim * stride
              + " values and vectors of "
              + stride
              + "; got "
              + matrixLength
              + " and "
              + vectorLength);
    }
  }

  /** Sparse-row form of {@link #outerAdd}; indices in {@code [0, dim)}. */
  public static void sparseOuterAdd(
      int[] idx,
      float[] val,
      int from,
      int to,
      int dim,
      double[] delta,
      int stride,
      int k,
      double[] g) {
    Kernels.BEST.sparseOuterAdd(idx, val, from, to, dim, delta, stride, k, g);
  }

  /**
   * Matrix product {@code c += a b}: {@code a} is {@code m x kd}, {@code b} is {@code kd x n},
   * {@code c} is {@code m x n}, all row-major float.
   */
  public static void gemm(float[] a, int m, int kd, float[] b, int n, float[] c) {
    checkMatrix(a, m, kd, "a");
    checkMatrix(b, kd, n, "b");
    checkMatrix(c, m, n, "c");
    IMPL.gemm(a, m, kd, b, n, c);
  }

  /**
   * Matrix product with the second factor transposed, {@code c += a b^T}: {@code a} is {@code m x
   * kd}, {@code b} is {@code n x kd} (one row per output, as in a weight matrix), {@code c} is
   * {@code m x n}.
   */
  public static void gemmTransposedB(float[] a, int m, int kd, float[] b, int n, float[] c) {
    checkMatrix(a, m, kd, "a");
    checkMatrix(b, n, kd, "b");
    checkMatrix(c, m, n, "c");
    IMPL.gemmTransposedB(a, m, kd, b, n, c);
  }

  /**
   * Matrix product with the first factor transposed, {@code c += a^T b}: {@code a} is {@code kd x
   * m}, {@code b} is {@code kd x n}, {@code c} is {@code m x n} (the weight gradient {@code delta^T
   * x} of a dense layer over a mini-batch of {@code kd} rows).
   */
  public static void gemmTransposedA(float[] a, int kd, int m, float[] b, int n, float[] c) {
    checkMatrix(a, kd, m, "a");
    checkMatrix(b, kd, n, "b");
    checkMatrix(c, m, n, "c");
    IMPL.gemmTransposedA(a, kd, m, b, n, c);
  }

  private static void checkMatrix(float[] x, int rows, int cols, String name) {
    if (rows < 0 || cols < 0 || (long) rows * cols > x.length) {
      throw new IndexOutOfBoundsException(
          name + " needs " + rows + " x " + cols + " values, has " + x.length);
    }
  }

  private static void checkFeatureMajor(int d, int wLength, int stride, int k, int vecLength) {
    if (k < 0 || stride < k || stride % PAD != 0) {
      throw new IllegalArgumentException(
          "stride " + stride + " must be a multiple of " + PAD + " and at least k = " + k);
    }
    if ((long) d * stride > wLength || vecLength < stride(k)) {
      throw new IndexOutOfBoundsException(
          "feature-major matrix of "
              + d
              + " x "
              + stride
              + " needs "
              + (long) d * stride
              + " values (has "
              + wLength
              + ") and vectors of "
              + stride(k)
              + " (have "
              + vecLength
              + ")");
    }
  }

  private static void checkSparse(
      int[] idx, float[] val, int from, int to, int wLength, int wOff, int dim) {
    Objects.checkFromToIndex(from, to, Math.min(idx.length, val.length));
    if (wLength != Integer.MAX_VALUE) {
      Objects.checkFromIndexSize(wOff, dim, wLength);
    }
    // Readers guarantee increasing indices, so the first and last bound them all.
    if (to > from && (idx[to - 1] >= dim || idx[from] < 0)) {
      throw new IndexOutOfBoundsException(
          "sparse index " + idx[to - 1] + " outside [0, " + dim + ")");
    }
  }

  /**
   * The training kernels bound to one implementation, chosen per run by {@link #forWork}. Same
   * contracts and checks as the static methods of the same names.
   */
  public static final class Kernels {
    static final Kernels BEST = new Kernels(IMPL);
    static final Kernels PLAIN = new Kernels(dev.softclass.internal.kernel.ScalarKernels.INSTANCE);

    private final KernelImpl impl;

    private Kernels(KernelImpl impl) {
      this.impl = impl;
    }

    /** The kernels of {@link VectorOps}'s static methods: the Vector API ones where readable. */
    public static Kernels best() {
      return BEST;
    }

    /** Name of the implementation, as {@link VectorOps#kernelName()}. */
    public String name() {
      return impl.name();
    }

    /** See {@link VectorOps#dot(float[], int, float[], int, int)}. */
    public double dot(float[] x, int xOff, float[] w, int wOff, int n) {
      Objects.checkFromIndexSize(xOff, n, x.length);
      Objects.checkFromIndexSize(wOff, n, w.length);
      return impl.dot(x, xOff, w, wOff, n);
    }

    /** See {@link VectorOps#axpy(float, float[], int, float[], int, int)}. */
    public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
      Objects.checkFromIndexSize(xOff, n, x.length);
      Objects.checkFromIndexSize(yOff, n, y.length);
      impl.axpy(a, x, xOff, y, yOff, n);
    }

    /** See {@link VectorOps#dot(float[], int, double[], int, int)}. */
    public double dot(float[] x, int xOff, double[] w, int wOff, int n) {
      Objects.checkFromIndexSize(xOff, n, x.length);
      Objects.checkFromIndexSize(wOff, n, w.length);
      return impl.dot(x, xOff, w, wOff, n);
    }

    /** See {@link VectorOps#axpy(double, float[], int, double[], int, int)}. */
    public void axpy(double a, float[] x, int xOff, double[] y, int yOff, int n) {
      Objects.checkFromIndexSize(xOff, n, x.length);
      Objects.checkFromIndexSize(yOff, n, y.length);
      impl.axpy(a, x, xOff, y, yOff, n);
    }

    /** See {@link VectorOps#sparseDot(int[], float[], int, int, double[], int, int)}. */
    public double sparseDot(
        int[] idx, float[] val, int from, int to, double[] w, int wOff, int dim) {
      checkSparse(idx, val, from, to, w.length, wOff, dim);
      return impl.sparseDot(idx, val, from, to, w, wOff);
    }

    /** See {@link VectorOps#sparseAxpy}. */
    public void sparseAxpy(
        double a, int[] idx, float[] val, int from, int to, double[] y, int yOff, int dim) {
      checkSparse(idx, val, from, to, y.length, yOff, dim);
      impl.sparseAxpy(a, idx, val, from, to, y, yOff);
    }

    /** See {@link VectorOps#rowTimesMatrix}. */
    public void rowTimesMatrix(
        float[] x, int xOff, int d, double[] w, int stride, int k, double[] out) {
      Objects.checkFromIndexSize(xOff, d, x.length);
      checkFeatureMajor(d, w.length, stride, k, out.length);
      impl.rowTimesMatrix(x, xOff, d, w, stride, k, out);
    }

    /** See {@link VectorOps#outerAdd}. */
    public void outerAdd(
        float[] x, int xOff, int d, double[] delta, int stride, int k, double[] g) {
      Objects.checkFromIndexSize(xOff, d, x.length);
      checkFeatureMajor(d, g.length, stride, k, delta.length);
      impl.outerAdd(x, xOff, d, delta, stride, k, g);
    }

    /** See {@link VectorOps#sparseRowTimesMatrix}. */
    public void sparseRowTimesMatrix(
        int[] idx,
        float[] val,
        int from,
        int to,
        int dim,
        double[] w,
        int stride,
        int k,
        double[] out) {
      checkSparse(idx, val, from, to, Integer.MAX_VALUE, 0, dim);
      checkFeatureMajor(dim, w.length, stride, k, out.length);
      impl.sparseRowTimesMatrix(idx, val, from, to, w, stride, k, out);
    }

    /** See {@link VectorOps#sparseOuterAdd}. */
    public void sparseOuterAdd(
        int[] idx,
        float[] val,
        int from,
        int to,
        int dim,
        double[] delta,
        int stride,
        int k,
        double[] g) {
      checkSparse(idx, val, from, to, Integer.MAX_VALUE, 0, dim);
      checkFeatureMajor(dim, g.length, stride, k, delta.length);
      impl.sparseOuterAdd(idx, val, from, to, delta, stride, k, g);
    }
  }
}
