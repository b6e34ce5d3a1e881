package dev.softclass.internal.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the incubating Vector API, at the machine's preferred width (AVX2 or AVX-512). Loaded
 * by name only when {@code jdk.incubator.vector} is readable (see {@link KernelProvider}), so
 * nothing else links to incubator types. Following Lucene's experience: every species is a {@code
 * static final} constant, each hot loop stays in one method, short inputs (under two vectors) take
 * the scalar path, and tails are scalar or masked.
 *
 * <p>Float dot products accumulate in float lanes (as Lucene and BLAS do); everything that feeds
 * the training objective accumulates in double lanes.
 */
final class PanamaKernels implements KernelImpl {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
  // Floats that widen into exactly one double vector.
  private static final VectorSpecies<Float> FH =
      VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));
  private static final int FL = F.length();
  private static final int DL = D.length();
  private static final ScalarKernels SCALAR = ScalarKernels.INSTANCE;

  PanamaKernels() {}

  @Override
  public String name() {
    return "panama-" + F.vectorBitSize() + "bit";
  }

  @Override
  public double dot(float[] x, int xOff, float[] w, int wOff, int n) {
    if (n < 2 * FL) {
      return SCALAR.dot(x, xOff, w, wOff, n);
    }
    double s = inLaneOrder(products(x, xOff, w, wOff, n));
    for (int i = n / FL * FL; i < n; i++) {
      s += (double) x[xOff + i] * w[wOff + i];
    }
    return s;
  }

  /**
   * The float products of {@code x} and {@code w} over the whole vectors of {@code n}, in four
   * accumulators (one FMA chain each) added pairwise: what {@link #dot(float[], int, float[], int,
   * int)} sums in lane order, before its scalar tail from {@code n / FL * FL}.
   */
  private static FloatVector products(float[] x, int xOff, float[] w, int wOff, int n) {
    FloatVector a0 = FloatVector.zero(F);
    FloatVector a1 = FloatVector.zero(F);
    FloatVector a2 = FloatVector.zero(F);
    FloatVector a3 = FloatVector.zero(F);
    int i = 0;
    for (; i + 4 * FL <= n; i += 4 * FL) {
      a0 = FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.fromArray(F, w, wOff + i), a0);
      a1 =
          FloatVector.fromArray(F, x, xOff + i + FL)
              .fma(FloatVector.fromArray(F, w, wOff + i + FL), a1);
      a2 =
          FloatVector.fromArray(F, x, xOff + i + 2 * FL)
              .fma(FloatVector.fromArray(F, w, wOff + i + 2 * FL), a2);
      a3 =
          FloatVector.fromArray(F, x, xOff + i + 3 * FL)
              .fma(FloatVector.fromArray(F, w, wOff + i + 3 * FL), a3);
    }
    for (; i + FL <= n; i += FL) {
      a0 = FloatVector.fromArray(F, x, xOff + i).fma(FloatVector.fromArray(F, w, wOff + i), a0);
    }
    return a0.add(a1).add(a2.add(a3));
  }

  /**
   * Every row's accumulator vector is formed as {@link #dot(float[], int, float[], int, int)} forms
   * it, then the lanes of all rows are summed together, lane by lane: each row's sum takes the same
   * additions in the same order (so the same bits), but the rows' additions are independent of one
   * another, where one dot product at a time waits on a chain of one dependent addition per lane
   * (about four-fifths of a 10-class prediction's time).
   */
  @Override
  public void dots(float[] x, int xOff, float[] w, int rows, int n, double[] out, int outOff) {
    if (n < 2 * FL) {
      KernelImpl.super.dots(x, xOff, w, rows, n, out, outOff);
      return;
    }
    float[] lanes = new float[rows * FL];
    int tail = n / FL * FL;
    for (int k = 0; k < rows; k++) {
      products(x, xOff, w, k * n, n).intoArray(lanes, k * FL);
    }
    float[] sums = new float[rows];
    for (int l = 0; l < FL; l++) {
      for (int k = 0; k < rows; k++) {
        sums[k] += lanes[k * FL + l];
      }
    }
    for (int k = 0; k < rows; k++) {
      double s = sums[k];
      for (int i = tail; i < n; i++) {
        s += (double) x[xOff + i] * w[k * n + i];
      }
      out[outOff + k] = s;
    }
  }

  @Override
  public double dot(float[] x, int xOff, double[] w, int wOff, int n) {
    if (n < 2 * DL) {
      return SCALAR.dot(x, xOff, w, wOff, n);
    }
    DoubleVector a0 = DoubleVector.zero(D);
    DoubleVector a1 = DoubleVector.zero(D);
    int i = 0;
    for (; i + 2 * DL <= n; i += 2 * DL) {
      DoubleVector x0 =
          (DoubleVector)
              FloatVector.fromArray(FH, x, xOff + i).convertShape(VectorOperators.F2D, D, 0);
      DoubleVector x1 =
          (DoubleVector)
              FloatVector.fromArray(FH, x, xOff + i + DL).convertShape(VectorOperators.F2D, D, 0);
      a0 = x0.fma(DoubleVector.fromArray(D, w, wOff + i), a0);
      a1 = x1.fma(DoubleVector.fromArray(D, w, wOff + i + DL), a1);
    }
    double s = inLaneOrder(a0.add(a1));
    for (; i < n; i++) {
      s += x[xOff + i] * w[wOff + i];
    }
    return s;
  }

  @Override
  public double dot(double[] x, int xOff, double[] y, int yOff, int n) {
    if (n < 2 * DL) {
      return SCALAR.dot(x, xOff, y, yOff, n);
    }
    DoubleVector a0 = DoubleVector.zero(D);
    DoubleVector a1 = DoubleVector.zero(D);
    DoubleVector a2 = DoubleVector.zero(D);
    DoubleVector a3 = DoubleVector.zero(D);
    int i = 0;
    for (; i + 4 * DL <= n; i += 4 * DL) {
      a0 = DoubleVector.fromArray(D, x, xOff + i).fma(DoubleVector.fromArray(D, y, yOff + i), a0);
      a1 =
          DoubleVector.fromArray(D, x, xOff + i + DL)
              .fma(DoubleVector.fromArray(D, y, yOff + i + DL), a1);
      a2 =
          DoubleVector.fromArray(D, x, xOff + i + 2 * DL)
              .fma(DoubleVector.fromArray(D, y, yOff + i + 2 * DL), a2);
      a3 =
          DoubleVector.fromArray(D, x, xOff + i + 3 * DL)
              .fma(DoubleVector.fromArray(D, y, yOff + i + 3 * DL), a3);
    }
    for (; i + DL <= n; i += DL) {
      a0 = DoubleVector.fromArray(D, x, xOff + i).fma(DoubleVector.fromArray(D, y, yOff + i), a0);
    }
    double s = inLaneOrder(a0.add(a1).add(a2.add(a3)));
    for (; i < n; i++) {
      s += x[xOff + i] * y[yOff + i];
    }
    return s;
  }

  @Override
  public void axpy(double a, double[] x, int xOff, double[] y, int yOff, int n) {
    // C2 vectorises this element-wise loop by itself (see ../shared/limits/README.md).
    SCALAR.axpy(a, x, xOff, y, yOff, n);
  }

  @Override
  public double sparseDot(int[] idx, float[] val, int from, int to, double[] w, int wOff) {
    // Gathers do not beat a scalar loop on memory-bound sparse rows (measured in ../shared/limits).
    return SCALAR.sparseDot(idx, val, from, to, w, wOff);
  }

  @Override
  public double sparseDot(int[] idx, float[] val, int from, int to, float[] w, int wOff) {
    return SCALAR.sparseDot(idx, val, from, to, w, wOff);
  }

  @Override
  public void axpy(double a, float[] x, int xOff, double[] y, int yOff, int n) {
    if (n < 2 * DL) {
      SCALAR.axpy(a, x, xOff, y, yOff, n);
      return;
    }
    DoubleVector av = DoubleVector.broadcast(D, a);
    int i = 0;
    for (; i + DL <= n; i += DL) {
      DoubleVector xv =
          (DoubleVector)
              FloatVector.fromArray(FH, x, xOff + i).convertShape(VectorOperators.F2D, D, 0);
      xv.fma(av, DoubleVector.fromArray(D, y, yOff + i)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  public void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
    if (n < 2 * FL) {
      SCALAR.axpy(a, x, xOff, y, yOff, n);
      return;
    }
    FloatVector av = FloatVector.broadcast(F, a);
    int i = 0;
    for (; i + FL <= n; i += FL) {
      FloatVector.fromArray(F, x, xOff + i)
          .fma(av, FloatVector.fromArray(F, y, yOff + i))
          .intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  @Override
  public void sparseAxpy(double a, int[] idx, float[] val, int from, int to, double[] y, int yOff) {
    SCALAR.sparseAxpy(a, idx, val, from, to, y, yOff);
  }

  @Override
  public double softmax(double[] z, int off, int n) {
    // The plain loop: the Vector API's EXP and ADD reductions give other bits once compiled than
    // interpreted, and a softmax must give the same probabilities whenever it runs.
    return SCALAR.softmax(z, off, n);
  }

  @Override
  public double softmax(float[] z, int off, int n) {
    // The plain loop: the Vector API's EXP and ADD reductions give other bits once compiled than
    // interpreted, and a softmax must give the same probabilities whenever it runs.
    return SCALAR.softmax(z, off, n);
  }

  @Override
  public void rowTimesMatrix(
      float[] x, int xOff, int d, double[] w, int stride, int k, double[] out) {
    int kv = (k + DL - 1) / DL * DL;
    if (kv == DL) {
      DoubleVector acc = DoubleVector.fromArray(D, out, 0);
      for (int j = 0; j < d; j++) {
        float v = x[xOff + j];
        if (v != 0f) {
          acc = DoubleVector.fromArray(D, w, j * stride).fma(DoubleVector.broadcast(D, v), acc);
        }
      }
      acc.intoArray(out, 0);
    } else if (kv == 2 * DL) {
      DoubleVector acc0 = DoubleVector.fromArray(D, out, 0);
      DoubleVector acc1 = DoubleVector.fromArray(D, out, DL);
      for (int j = 0; j < d; j++) {
        float v = x[xOff + j];
        if (v != 0f) {
          int base = j * stride;
          acc0 = DoubleVector.fromArray(D, w, base).fma(DoubleVector.broadcast(D, v), acc0);
          acc1 = DoubleVector.fromArray(D, w, base + DL).fma(DoubleVector.broadcast(D, v), acc1);
        }
      }
      acc0.intoArray(out, 0);
      acc1.intoArray(out, DL);
    } else {
      for (int j = 0; j < d; j++) {
        float v = x[xOff + j];
        if (v != 0f) {
          int base = j * stride;
          for (int c = 0; c < kv; c += DL) {
            DoubleVector.fromArray(D, w, base + c)
                .fma(DoubleVector.broadcast(D, v), DoubleVector.fromArray(D, out, c))
                .intoArray(out, c);
          }
        }
      }
    }
  }

  @Override
  public void outerAdd(float[] x, int xOff, int d, double[] delta, int stride, int k, double[] g) {
    int kv = (k + DL - 1) / DL * DL;
    if (kv == DL) {
      DoubleVector dv = DoubleVector.fromArray(D, delta, 0);
      for (int j = 0; j < d; j++) {
        float v = x[xOff + j];
        if (v != 0f) {
          int base = j * stride;
          dv.fma(DoubleVector.broadcast(D, v), DoubleVector.fromArray(D, g, base))
              .intoArray(g, base);
        }
      }
    } else if (kv == 2 * DL) {
      DoubleVector d0 = DoubleVector.fromArray(D, delta, 0);
      DoubleVector d1 = DoubleVector.fromArray(D, delta, DL);
      for (int j = 0; j < d; j++) {
        float v = x[xOff + j];
        if (v != 0f) {
          int base = j * stride;
          d0.fma(DoubleVector.broadcast(D, v), DoubleVector.fromArray(D, g, base))
              .intoArray(g, base);
          d1.fma(DoubleVector.broadcast(D, v), DoubleVector.fromArray(D, g, base + DL))
              .intoArray(g, base + DL);
        }
      }
    } else {
      for (int j = 0; j < d; j++) {
        float v = x[xOff + j];
        if (v != 0f) {
          int base = j * stride;
          for (int c = 0; c < kv; c += DL) {
            DoubleVector.fromArray(D, delta, c)
                .fma(DoubleVector.broadcast(D, v), DoubleVector.fromArray(D, g, base + c))
                .intoArray(g, base + c);
          }
        }
      }
    }
  }

  @Override
  public void sparseRowTimesMatrix(
      int[] idx, float[] val, int from, int to, double[] w, int stride, int k, double[] out) {
    int kv = (k + DL - 1) / DL * DL;
    if (kv == DL) {
      DoubleVector acc = DoubleVector.fromArray(D, out, 0);
      for (int p = from; p < to; p++) {
        acc =
            DoubleVector.fromArray(D, w, idx[p] * stride)
                .fma(DoubleVector.broadcast(D, val[p]), acc);
      }
      acc.intoArray(out, 0);
    } else if (kv == 2 * DL) {
      DoubleVector acc0 = DoubleVector.fromArray(D, out, 0);
      DoubleVector acc1 = DoubleVector.fromArray(D, out, DL);
      for (int p = from; p < to; p++) {
        int base = idx[p] * stride;
        double v = val[p];
        acc0 = DoubleVector.fromArray(D, w, base).fma(DoubleVector.broadcast(D, v), acc0);
        acc1 = DoubleVector.fromArray(D, w, base + DL).fma(DoubleVector.broadcast(D, v), acc1);
      }
      acc0.intoArray(out, 0);
      acc1.intoArray(out, DL);
    } else {
      for (int p = from; p < to; p++) {
        int base = idx[p] * stride;
        double v = val[p];
        for (int c = 0; c < kv; c += DL) {
          DoubleVector.fromArray(D, w, base + c)
              .fma(DoubleVector.broadcast(D, v), DoubleVector.fromArray(D, out, c))
              .intoArray(out, c);
        }
      }
    }
  }

  @Override
  public void sparseOuterAdd(
      int[] idx, float[] val, int from, int to, double[] delta, int stride, int k, double[] g) {
    int kv = (k + DL - 1) / DL * DL;
    if (kv == DL) {
      DoubleVector dv = DoubleVector.fromArray(D, delta, 0);
      for (int p = from; p < to; p++) {
        int base = idx[p] * stride;
        dv.fma(DoubleVector.broadcast(D, val[p]), DoubleVector.fromArray(D, g, base))
            .intoArray(g, base);
      }
    } else if (kv == 2 * DL) {
      DoubleVector d0 = DoubleVector.fromArray(D, delta, 0);
      DoubleVector d1 = DoubleVector.fromArray(D, delta, DL);
      for (int p = from; p < to; p++) {
        int base = idx[p] * stride;
        double v = val[p];
        d0.fma(DoubleVector.broadcast(D, v), DoubleVector.fromArray(D, g, base)).intoArray(g, base);
        d1.fma(DoubleVector.broadcast(D, v), DoubleVector.fromArray(D, g, base + DL))
            .intoArray(g, base + DL);
      }
    } else {
      for (int p = from; p < to; p++) {
        int base = idx[p] * stride;
        double v = val[p];
        for (int c = 0; c < kv; c += DL) {
          DoubleVector.fromArray(D, delta, c)
              .fma(DoubleVector.broadcast(D, v), DoubleVector.fromArray(D, g, base + c))
              .intoArray(g, base + c);
        }
      }
    }
  }

  @Override
  public void sparseRowTimesMatrix(
      int[] idx, float[] val, int from, int to, float[] w, int stride, float[] out) {
    // Four vectors of columns stay in registers while the non-zeros stream past.
    int c = 0;
    for (; c + 4 * FL <= stride; c += 4 * FL) {
      FloatVector a0 = FloatVector.fromArray(F, out, c);
      FloatVector a1 = FloatVector.fromArray(F, out, c + FL);
      FloatVector a2 = FloatVector.fromArray(F, out, c + 2 * FL);
      FloatVector a3 = FloatVector.fromArray(F, out, c + 3 * FL);
      for (int p = from; p < to; p++) {
        FloatVector v = FloatVector.broadcast(F, val[p]);
        int base = idx[p] * stride + c;
        a0 = FloatVector.fromArray(F, w, base).fma(v, a0);
        a1 = FloatVector.fromArray(F, w, base + FL).fma(v, a1);
        a2 = FloatVector.fromArray(F, w, base + 2 * FL).fma(v, a2);
        a3 = FloatVector.fromArray(F, w, base + 3 * FL).fma(v, a3);
      }
      a0.intoArray(out, c);
      a1.intoArray(out, c + FL);
      a2.intoArray(out, c + 2 * FL);
      a3.intoArray(out, c + 3 * FL);
    }
    for (; c + FL <= stride; c += FL) {
      FloatVector a0 = FloatVector.fromArray(F, out, c);
      for (int p = from; p < to; p++) {
        a0 =
            FloatVector.fromArray(F, w, idx[p] * stride + c)
                .fma(FloatVector.broadcast(F, val[p]), a0);
      }
      a0.intoArray(out, c);
    }
    for (; c < stride; c++) {
      float sum = out[c];
      for (int p = from; p < to; p++) {
        sum += val[p] * w[idx[p] * stride + c];
      }
      out[c] = sum;
    }
  }

  @Override
  public void sparseOuterAdd(
      int[] idx, float[] val, int from, int to, float[] delta, int stride, float[] g) {
    // Four vectors of delta stay in registers while the non-zeros' rows are updated.
    int c = 0;
    for (; c + 4 * FL <= stride; c += 4 * FL) {
      FloatVector d0 = FloatVector.fromArray(F, delta, c);
      FloatVector d1 = FloatVector.fromArray(F, delta, c + FL);
      FloatVector d2 = FloatVector.fromArray(F, delta, c + 2 * FL);
      FloatVector d3 = FloatVector.fromArray(F, delta, c + 3 * FL);
      for (int p = from; p < to; p++) {
        FloatVector v = FloatVector.broadcast(F, val[p]);
        int base = idx[p] * stride + c;
        d0.fma(v, FloatVector.fromArray(F, g, base)).intoArray(g, base);
        d1.fma(v, FloatVector.fromArray(F, g, base + FL)).intoArray(g, base + FL);
        d2.fma(v, FloatVector.fromArray(F, g, base + 2 * FL)).intoArray(g, base + 2 * FL);
        d3.fma(v, FloatVector.fromArray(F, g, base + 3 * FL)).intoArray(g, base + 3 * FL);
      }
    }
    for (; c + FL <= stride; c += FL) {
      FloatVector d0 = FloatVector.fromArray(F, delta, c);
      for (int p = from; p < to; p++) {
        int base = idx[p] * stride + c;
        d0.fma(FloatVector.broadcast(F, val[p]), FloatVector.fromArray(F, g, base))
            .intoArray(g, base);
      }
    }
    for (; c < stride; c++) {
      for (int p = from; p < to; p++) {
        g[idx[p] * stride + c] += val[p] * delta[c];
      }
    }
  }

  @Override
  public void gemm(float[] a, int m, int kd, float[] b, int n, float[] c) {
    int full = n / FL * FL;
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      int r0 = i * kd;
      int r1 = r0 + kd;
      int r2 = r1 + kd;
      int r3 = r2 + kd;
      int j = 0;
      for (; j + 2 * FL <= full; j += 2 * FL) {
        int c0 = i * n + j;
        FloatVector c00 = FloatVector.fromArray(F, c, c0);
        FloatVector c01 = FloatVector.fromArray(F, c, c0 + FL);
        FloatVector c10 = FloatVector.fromArray(F, c, c0 + n);
        FloatVector c11 = FloatVector.fromArray(F, c, c0 + n + FL);
        FloatVector c20 = FloatVector.fromArray(F, c, c0 + 2 * n);
        FloatVector c21 = FloatVector.fromArray(F, c, c0 + 2 * n + FL);
        FloatVector c30 = FloatVector.fromArray(F, c, c0 + 3 * n);
        FloatVector c31 = FloatVector.fromArray(F, c, c0 + 3 * n + FL);
        for (int p = 0; p < kd; p++) {
          FloatVector b0 = FloatVector.fromArray(F, b, p * n + j);
          FloatVector b1 = FloatVector.fromArray(F, b, p * n + j + FL);
          FloatVector a0 = FloatVector.broadcast(F, a[r0 + p]);
          c00 = b0.fma(a0, c00);
          c01 = b1.fma(a0, c01);
          FloatVector a1 = FloatVector.broadcast(F, a[r1 + p]);
          c10 = b0.fma(a1, c10);
          c11 = b1.fma(a1, c11);
          FloatVector a2 = FloatVector.broadcast(F, a[r2 + p]);
          c20 = b0.fma(a2, c20);
          c21 = b1.fma(a2, c21);
          FloatVector a3 = FloatVector.broadcast(F, a[r3 + p]);
          c30 = b0.fma(a3, c30);
          c31 = b1.fma(a3, c31);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + FL);
        c10.intoArray(c, c0 + n);
        c11.intoArray(c, c0 + n + FL);
        c20.intoArray(c, c0 + 2 * n);
        c21.intoArray(c, c0 + 2 * n + FL);
        c30.intoArray(c, c0 + 3 * n);
        c31.intoArray(c, c0 + 3 * n + FL);
      }
      for (; j < full; j += FL) {
        gemmBlock4(a, r0, kd, b, n, j, c, i * n + j, n);
      }
    }
    for (; i < m; i++) {
      for (int j = 0; j < full; j += FL) {
        FloatVector cv = FloatVector.fromArray(F, c, i * n + j);
        for (int p = 0; p < kd; p++) {
          cv =
              FloatVector.fromArray(F, b, p * n + j)
                  .fma(FloatVector.broadcast(F, a[i * kd + p]), cv);
        }
        cv.intoArray(c, i * n + j);
      }
    }
    if (full < n) {
      gemmColumnTail(a, m, kd, b, n, full, c);
    }
  }

  /** One vector of columns for four rows: {@code c[4 x FL] += a[4 x kd] b[kd x FL]}. */
  private static void gemmBlock4(
      float[] a,
      int aOff,
      int kd,
      float[] b,
      int bStride,
      int bCol,
      float[] c,
      int cOff,
      int cStride) {
    FloatVector c0 = FloatVector.fromArray(F, c, cOff);
    FloatVector c1 = FloatVector.fromArray(F, c, cOff + cStride);
    FloatVector c2 = FloatVector.fromArray(F, c, cOff + 2 * cStride);
    FloatVector c3 = FloatVector.fromArray(F, c, cOff + 3 * cStride);
    for (int p = 0; p < kd; p++) {
      FloatVector bv = FloatVector.fromArray(F, b, p * bStride + bCol);
      c0 = bv.fma(FloatVector.broadcast(F, a[aOff + p]), c0);
      c1 = bv.fma(FloatVector.broadcast(F, a[aOff + kd + p]), c1);
      c2 = bv.fma(FloatVector.broadcast(F, a[aOff + 2 * kd + p]), c2);
      c3 = bv.fma(FloatVector.broadcast(F, a[aOff + 3 * kd + p]), c3);
    }
    c0.intoArray(c, cOff);
    c1.intoArray(c, cOff + cStride);
    c2.intoArray(c, cOff + 2 * cStride);
    c3.intoArray(c, cOff + 3 * cStride);
  }

  /**
   * The last {@code n - j0} columns (fewer than one vector) of every row. Those columns of {@code
   * b} are copied into a zero-padded block one vector wide and the results gathered through a small
   * buffer, so the inner loop uses whole vectors: masked loads are slow on some JDK and CPU pairs
   * (seen on JDK 17 with AVX-512).
   */
  private static void gemmColumnTail(
      float[] a, int m, int kd, float[] b, int n, int j0, float[] c) {
    int width = n - j0;
    float[] padded = new float[kd * FL];
    for (int p = 0; p < kd; p++) {
      System.arraycopy(b, p * n + j0, padded, p * FL, width);
    }
    float[] out = new float[4 * FL];
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      java.util.Arrays.fill(out, 0f);
      gemmBlock4(a, i * kd, kd, padded, FL, 0, out, 0, FL);
      for (int r = 0; r < 4; r++) {
        for (int t = 0; t < width; t++) {
          c[(i + r) * n + j0 + t] += out[r * FL + t];
        }
      }
    }
    for (; i < m; i++) {
      FloatVector cv = FloatVector.zero(F);
      for (int p = 0; p < kd; p++) {
        cv =
            FloatVector.fromArray(F, padded, p * FL)
                .fma(FloatVector.broadcast(F, a[i * kd + p]), cv);
      }
      cv.intoArray(out, 0);
      for (int t = 0; t < width; t++) {
        c[i * n + j0 + t] += out[t];
      }
    }
  }

  @Override
  public void gemmTransposedB(float[] a, int m, int kd, float[] b, int n, float[] c) {
    // Lanes are summed in lane order, not by reduceLanes: its order differs between compiled and
    // interpreted code, and training must give the same bits whenever the JIT steps in.
    float[] lanes = new float[FL];
    int bound = F.loopBound(kd);
    int i = 0;
    for (; i + 2 <= m; i += 2) {
      int a0 = i * kd;
      int a1 = a0 + kd;
      int j = 0;
      for (; j + 2 <= n; j += 2) {
        int b0 = j * kd;
        int b1 = b0 + kd;
        FloatVector s00 = FloatVector.zero(F);
        FloatVector s01 = FloatVector.zero(F);
        FloatVector s10 = FloatVector.zero(F);
        FloatVector s11 = FloatVector.zero(F);
        int p = 0;
        for (; p < bound; p += FL) {
          FloatVector x0 = FloatVector.fromArray(F, a, a0 + p);
          FloatVector x1 = FloatVector.fromArray(F, a, a1 + p);
          FloatVector w0 = FloatVector.fromArray(F, b, b0 + p);
          FloatVector w1 = FloatVector.fromArray(F, b, b1 + p);
          s00 = x0.fma(w0, s00);
          s01 = x0.fma(w1, s01);
          s10 = x1.fma(w0, s10);
          s11 = x1.fma(w1, s11);
        }
        float t00 = sumLanes(s00, lanes);
        float t01 = sumLanes(s01, lanes);
        float t10 = sumLanes(s10, lanes);
        float t11 = sumLanes(s11, lanes);
        for (; p < kd; p++) {
          t00 += a[a0 + p] * b[b0 + p];
          t01 += a[a0 + p] * b[b1 + p];
          t10 += a[a1 + p] * b[b0 + p];
          t11 += a[a1 + p] * b[b1 + p];
        }
        c[i * n + j] += t00;
        c[i * n + j + 1] += t01;
        c[(i + 1) * n + j] += t10;
        c[(i + 1) * n + j + 1] += t11;
      }
      for (; j < n; j++) {
        c[i * n + j] += dotInLaneOrder(a, a0, b, j * kd, kd, lanes);
        c[(i + 1) * n + j] += dotInLaneOrder(a, a1, b, j * kd, kd, lanes);
      }
    }
    for (; i < m; i++) {
      for (int j = 0; j < n; j++) {
        c[i * n + j] += dotInLaneOrder(a, i * kd, b, j * kd, kd, lanes);
      }
    }
  }

  /**
   * The lanes of {@code v} added one after another, from lane 0. {@code reduceLanes(ADD)} is not
   * used for sums: the compiled intrinsic adds the lanes in a tree and the interpreter in order, so
   * the same call could give other bits once the JIT steps in (see DESIGN, determinism).
   */
  private static float inLaneOrder(FloatVector v) {
    // lane(l) over a constant lane count unrolls into register extracts; toArray() allocated an
    // array per call that escape analysis did not always remove (630 MB of garbage in 3 epochs of
    // a 447-class text softmax; a tenth of a server's batch time)
    float s = 0f;
    for (int l = 0; l < FL; l++) {
      s += v.lane(l);
    }
    return s;
  }

  /** The lanes of {@code v} added one after another, from lane 0 (see the float version). */
  private static double inLaneOrder(DoubleVector v) {
    double s = 0;
    for (int l = 0; l < DL; l++) {
      s += v.lane(l);
    }
    return s;
  }

  /** The lanes of {@code v} added one after another, from lane 0. */
  private static float sumLanes(FloatVector v, float[] lanes) {
    v.intoArray(lanes, 0);
    float s = 0f;
    for (int l = 0; l < FL; l++) {
      s += lanes[l];
    }
    return s;
  }

  /** A float dot product with one vector accumulator summed in lane order, then the scalar tail. */
  private static float dotInLaneOrder(
      float[] a, int aOff, float[] b, int bOff, int kd, float[] lanes) {
    FloatVector acc = FloatVector.zero(F);
    int p = 0;
    for (; p + FL <= kd; p += FL) {
      acc = FloatVector.fromArray(F, a, aOff + p).fma(FloatVector.fromArray(F, b, bOff + p), acc);
    }
    float s = sumLanes(acc, lanes);
    for (; p < kd; p++) {
      s += a[aOff + p] * b[bOff + p];
    }
    return s;
  }

  @Override
  public void gemmTransposedA(float[] a, int kd, int m, float[] b, int n, float[] c) {
    // Row i of c reads column i of a: a[p * m + i], so four rows of c read four neighbours.
    int full = n / FL * FL;
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      int j = 0;
      for (; j + 2 * FL <= full; j += 2 * FL) {
        int c0 = i * n + j;
        FloatVector c00 = FloatVector.fromArray(F, c, c0);
        FloatVector c01 = FloatVector.fromArray(F, c, c0 + FL);
        FloatVector c10 = FloatVector.fromArray(F, c, c0 + n);
        FloatVector c11 = FloatVector.fromArray(F, c, c0 + n + FL);
        FloatVector c20 = FloatVector.fromArray(F, c, c0 + 2 * n);
        FloatVector c21 = FloatVector.fromArray(F, c, c0 + 2 * n + FL);
        FloatVector c30 = FloatVector.fromArray(F, c, c0 + 3 * n);
        FloatVector c31 = FloatVector.fromArray(F, c, c0 + 3 * n + FL);
        for (int p = 0; p < kd; p++) {
          FloatVector b0 = FloatVector.fromArray(F, b, p * n + j);
          FloatVector b1 = FloatVector.fromArray(F, b, p * n + j + FL);
          int ap = p * m + i;
          FloatVector a0 = FloatVector.broadcast(F, a[ap]);
          c00 = b0.fma(a0, c00);
          c01 = b1.fma(a0, c01);
          FloatVector a1 = FloatVector.broadcast(F, a[ap + 1]);
          c10 = b0.fma(a1, c10);
          c11 = b1.fma(a1, c11);
          FloatVector a2 = FloatVector.broadcast(F, a[ap + 2]);
          c20 = b0.fma(a2, c20);
          c21 = b1.fma(a2, c21);
          FloatVector a3 = FloatVector.broadcast(F, a[ap + 3]);
          c30 = b0.fma(a3, c30);
          c31 = b1.fma(a3, c31);
        }
        c00.intoArray(c, c0);
        c01.intoArray(c, c0 + FL);
        c10.intoArray(c, c0 + n);
        c11.intoArray(c, c0 + n + FL);
        c20.intoArray(c, c0 + 2 * n);
        c21.intoArray(c, c0 + 2 * n + FL);
        c30.intoArray(c, c0 + 3 * n);
        c31.intoArray(c, c0 + 3 * n + FL);
      }
      for (; j < full; j += FL) {
        int c0 = i * n + j;
        FloatVector v0 = FloatVector.fromArray(F, c, c0);
        FloatVector v1 = FloatVector.fromArray(F, c, c0 + n);
        FloatVector v2 = FloatVector.fromArray(F, c, c0 + 2 * n);
        FloatVector v3 = FloatVector.fromArray(F, c, c0 + 3 * n);
        for (int p = 0; p < kd; p++) {
          FloatVector bv = FloatVector.fromArray(F, b, p * n + j);
          int ap = p * m + i;
          v0 = bv.fma(FloatVector.broadcast(F, a[ap]), v0);
          v1 = bv.fma(FloatVector.broadcast(F, a[ap + 1]), v1);
          v2 = bv.fma(FloatVector.broadcast(F, a[ap + 2]), v2);
          v3 = bv.fma(FloatVector.broadcast(F, a[ap + 3]), v3);
        }
        v0.intoArray(c, c0);
        v1.intoArray(c, c0 + n);
        v2.intoArray(c, c0 + 2 * n);
        v3.intoArray(c, c0 + 3 * n);
      }
    }
    for (; i < m; i++) {
      for (int j = 0; j < full; j += FL) {
        FloatVector cv = FloatVector.fromArray(F, c, i * n + j);
        for (int p = 0; p < kd; p++) {
          cv =
              FloatVector.fromArray(F, b, p * n + j)
                  .fma(FloatVector.broadcast(F, a[p * m + i]), cv);
        }
        cv.intoArray(c, i * n + j);
      }
    }
    // The last columns (fewer than one vector): plain loops, in the same order as the scalar
    // kernel.
    if (full < n) {
      for (int p = 0; p < kd; p++) {
        for (int r = 0; r < m; r++) {
          float av = a[p * m + r];
          for (int t = full; t < n; t++) {
            c[r * n + t] += av * b[p * n + t];
          }
        }
      }
    }
  }
}
