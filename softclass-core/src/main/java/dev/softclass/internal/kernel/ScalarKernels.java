package dev.softclass.internal.kernel;

/**
 * Plain-Java kernels, the reference every faster implementation is tested against. Reductions use
 * independent accumulators so that the JIT can overlap them (strict floating-point order forbids it
 * from reassociating one sum); element-wise loops stay plain so that C2 can auto-vectorise them.
 */
public final class ScalarKernels implements KernelImpl {
  /** The one instance. */
  public static final ScalarKernels INSTANCE = new ScalarKernels();

  private ScalarKernels() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public double dot(float[] x, int xOff, float[] w, int wOff, int n) {
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

  @Override
  public double dot(float[] x, int xOff, double[] w, int wOff, int n) {
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

  @Override
  public double dot(double[] x, int xOff, double[] y, int yOff, int n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[xOff + i] * y[yOff + i];
      s1 += x[xOff + i + 1] * y[yOff + i + 1];
      s2 += x[xOff + i + 2] * y[yOff + i + 2];
      s3 += x[xOff + i + 3] * y[yOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += x[xOff + i] * y[yOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void axpy(double a, double[] x, int xOff, double[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  public double sparseDot(int[] idx, float[] val, int from, int to, double[] w, int wOff) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int k = from;
    for (; k + 3 < to; k += 4) {
      s0 += val[k] * w[wOff + idx[k]];
      s1 += val[k + 1] * w[wOff + idx[k + 1]];
      s2 += val[k + 2] * w[wOff + idx[k + 2]];
      s3 += val[k + 3] * w[wOff + idx[k + 3]];
    }
    for (; k < to; k++) {
      s0 += val[k] * w[wOff + idx[k]];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public double sparseDot(int[] idx, float[] val, int from, int to, float[] w, int wOff) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int k = from;
    for (; k + 3 < to; k += 4) {
      s0 += (double) val[k] * w[wOff + idx[k]];
      s1 += (double) val[k + 1] * w[wOff + idx[k + 1]];
      s2 += (double) val[k + 2] * w[wOff + idx[k + 2]];
      s3 += (double) val[k + 3] * w[wOff + idx[k + 3]];
    }
    for (; k < to; k++) {
      s0 += (double) val[k] * w[wOff + idx[k]];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void axpy(double a, float[] x, int xOff, double[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  public void sparseAxpy(double a, int[] idx, float[] val, int from, int to, double[] y, int yOff) {
    for (int k = from; k < to; k++) {
      y[yOff + idx[k]] += a * val[k];
    }
  }

  @Override
  public double softmax(double[] z, int off, int n) {
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

  @Override
  public double softmax(float[] z, int off, int n) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, z[off + i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      float e = (float) Math.exp(z[off + i] - max);
      z[off + i] = e;
      sum += e;
    }
    float inv = (float) (1.0 / sum);
    for (int i = 0; i < n; i++) {
      z[off + i] *= inv;
    }
    return max + Math.log(sum);
  }

  @Override
  public void rowTimesMatrix(
      float[] x, int xOff, int d, double[] w, int stride, int k, double[] out) {
    for (int j = 0; j < d; j++) {
      double v = x[xOff + j];
      if (v != 0) {
        int base = j * stride;
        for (int c = 0; c < k; c++) {
          out[c] += v * w[base + c];
        }
      }
    }
  }

  @Override
  public void outerAdd(float[] x, int xOff, int d, double[] delta, int stride, int k, double[] g) {
    for (int j = 0; j < d; j++) {
      double v = x[xOff + j];
      if (v != 0) {
        int base = j * stride;
        for (int c = 0; c < k; c++) {
          g[base + c] += v * delta[c];
        }
      }
    }
  }

  @Override
  public void sparseRowTimesMatrix(
      int[] idx, float[] val, int from, int to, double[] w, int stride, int k, double[] out) {
    for (int p = from; p < to; p++) {
      double v = val[p];
      int base = idx[p] * stride;
      for (int c = 0; c < k; c++) {
        out[c] += v * w[base + c];
      }
    }
  }

  @Override
  public void sparseOuterAdd(
      int[] idx, float[] val, int from, int to, double[] delta, int stride, int k, double[] g) {
    for (int p = from; p < to; p++) {
      double v = val[p];
      int base = idx[p] * stride;
      for (int c = 0; c < k; c++) {
        g[base + c] += v * delta[c];
      }
    }
  }

  @Override
  public void sparseRowTimesMatrix(
      int[] idx, float[] val, int from, int to, float[] w, int stride, float[] out) {
    for (int p = from; p < to; p++) {
      float v = val[p];
      int base = idx[p] * stride;
      for (int c = 0; c < stride; c++) {
        out[c] += v * w[base + c];
      }
    }
  }

  @Override
  public void sparseOuterAdd(
      int[] idx, float[] val, int from, int to, float[] delta, int stride, float[] g) {
    for (int p = from; p < to; p++) {
      float v = val[p];
      int base = idx[p] * stride;
      for (int c = 0; c < stride; c++) {
        g[base + c] += v * delta[c];
      }
    }
  }

  @Override
  public void gemm(float[] a, int m, int kd, float[] b, int n, float[] c) {
    for (int i = 0; i < m; i++) {
      for (int p = 0; p < kd; p++) {
        float av = a[i * kd + p];
        int bOff = p * n;
        int cOff = i * n;
        for (int j = 0; j < n; j++) {
          c[cOff + j] += av * b[bOff + j];
        }
      }
    }
  }

  @Override
  public void gemmTransposedB(float[] a, int m, int kd, float[] b, int n, float[] c) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        c[i * n + j] += (float) dot(a, i * kd, b, j * kd, kd);
      }
    }
  }

  @Override
  public void gemmTransposedA(float[] a, int kd, int m, float[] b, int n, float[] c) {
    for (int p = 0; p < kd; p++) {
      int bOff = p * n;
      for (int i = 0; i < m; i++) {
        float av = a[p * m + i];
        int cOff = i * n;
        for (int j = 0; j < n; j++) {
          c[cOff + j] += av * b[bOff + j];
        }
      }
    }
  }
}
