package dev.softclass.internal.kernel;

/**
 * Plain-Java kernels. Reductions use four independent accumulators so that the JIT can overlap them
 * (strict floating-point order forbids it from reassociating a single sum); element-wise loops stay
 * plain so that C2 auto-vectorises them. Callers have checked all bounds.
 */
public final class ScalarKernels {
  private ScalarKernels() {}

  public static double dot(float[] x, int xOff, float[] w, int wOff, int n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += (double) x[xOff + i] * w[wOff + i];
      s1 += (double) x[xOff + i + 1] * w[wOff + i + 1];
      s2 += (double) x[xOff + i + 2] * w[wOff + i + 2];
      s3 += (double) x[xOff + i + 3] * w[wOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += (double) x[xOff + i] * w[wOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  public static double dot(float[] x, int xOff, double[] w, int wOff, int n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[xOff + i] * w[wOff + i];
      s1 += x[xOff + i + 1] * w[wOff + i + 1];
      s2 += x[xOff + i + 2] * w[wOff + i + 2];
      s3 += x[xOff + i + 3] * w[wOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += x[xOff + i] * w[wOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  public static double sparseDot(int[] idx, float[] val, int from, int to, double[] w, int wOff) {
    double s0 = 0, s1 = 0;
    int k = from;
    for (; k + 1 < to; k += 2) {
      s0 += val[k] * w[wOff + idx[k]];
      s1 += val[k + 1] * w[wOff + idx[k + 1]];
    }
    if (k < to) {
      s0 += val[k] * w[wOff + idx[k]];
    }
    return s0 + s1;
  }

  public static double sparseDot(int[] idx, float[] val, int from, int to, float[] w, int wOff) {
    double s0 = 0, s1 = 0;
    int k = from;
    for (; k + 1 < to; k += 2) {
      s0 += (double) val[k] * w[wOff + idx[k]];
      s1 += (double) val[k + 1] * w[wOff + idx[k + 1]];
    }
    if (k < to) {
      s0 += (double) val[k] * w[wOff + idx[k]];
    }
    return s0 + s1;
  }

  public static void axpy(double a, float[] x, int xOff, double[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  public static void sparseAxpy(
      double a, int[] idx, float[] val, int from, int to, double[] y, int yOff) {
    for (int k = from; k < to; k++) {
      y[yOff + idx[k]] += a * val[k];
    }
  }

  public static double softmax(double[] z, int off, int n) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, z[off + i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double e = Math.exp(z[off + i] - max);
      z[off + i] = e;
      sum += e;
    }
    double inv = 1.0 / sum;
    for (int i = 0; i < n; i++) {
      z[off + i] *= inv;
    }
    return max + Math.log(sum);
  }

  public static void sparseRowTimesMatrix(
      int[] idx, float[] val, int from, int to, double[] w, int k, double[] out) {
    for (int p = from; p < to; p++) {
      double v = val[p];
      int base = idx[p] * k;
      for (int c = 0; c < k; c++) {
        out[c] += v * w[base + c];
      }
    }
  }

  public static void sparseOuterAdd(
      int[] idx, float[] val, int from, int to, double[] delta, int k, double[] g) {
    for (int p = from; p < to; p++) {
      double v = val[p];
      int base = idx[p] * k;
      for (int c = 0; c < k; c++) {
        g[base + c] += v * delta[c];
      }
    }
  }
}
