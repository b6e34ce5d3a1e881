package dev.softclass.internal.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector API kernels against the plain-Java reference on random inputs of awkward lengths
 * (primes, one off a vector, below two vectors). Tolerances: relative 1e-12 where both sides
 * accumulate in double; 1e-5 relative to the sum of absolute terms for float accumulation (float
 * epsilon times a few hundred terms); 1e-6 for float softmax outputs.
 */
class KernelEquivalenceTest {
  private static final ScalarKernels SCALAR = ScalarKernels.INSTANCE;
  private KernelImpl panama;
  private final Random random = new Random(2026);

  static IntStream lengths() {
    return IntStream.of(1, 2, 3, 7, 8, 9, 13, 15, 16, 17, 31, 33, 64, 97, 100, 127, 255, 784, 1021);
  }

  @BeforeEach
  void needsTheVectorApi() {
    panama = KernelProvider.panamaOrNull();
    assumeTrue(panama != null, "jdk.incubator.vector is not readable in this JVM");
  }

  private float[] floats(int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) random.nextGaussian();
    }
    return a;
  }

  private double[] doubles(int n) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = random.nextGaussian();
    }
    return a;
  }

  private static double absDot(float[] x, int xo, float[] w, int wo, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.abs((double) x[xo + i] * w[wo + i]);
    }
    return s;
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void theDotsOfManyRowsAreEachRowsDotBitForBit(int n) {
    float[] x = floats(n + 3);
    for (int rows : new int[] {1, 2, 10, 17}) {
      float[] w = floats(rows * n);
      double[] out = new double[rows + 2];
      for (KernelImpl impl : new KernelImpl[] {panama, SCALAR}) {
        impl.dots(x, 3, w, rows, n, out, 2);
        for (int k = 0; k < rows; k++) {
          assertThat(out[2 + k])
              .as("%s row %d of %d", impl.name(), k, rows)
              .isEqualTo(impl.dot(x, 3, w, k * n, n));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void dotProducts(int n) {
    float[] x = floats(n + 3);
    float[] w = floats(n + 5);
    double[] wd = doubles(n + 5);
    assertThat(panama.dot(x, 3, w, 5, n))
        .isCloseTo(SCALAR.dot(x, 3, w, 5, n), within(1e-5 * absDot(x, 3, w, 5, n) + 1e-30));
    double expected = SCALAR.dot(x, 3, wd, 5, n);
    assertThat(panama.dot(x, 3, wd, 5, n)).isCloseTo(expected, within(1e-12 * (1 + n)));
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void axpys(int n) {
    float[] x = floats(n + 1);
    double[] y1 = doubles(n + 2);
    double[] y2 = y1.clone();
    SCALAR.axpy(0.37, x, 1, y1, 2, n);
    panama.axpy(0.37, x, 1, y2, 2, n);
    assertThat(y2).containsExactly(y1, within(1e-12));
    float[] f1 = floats(n + 2);
    float[] f2 = f1.clone();
    SCALAR.axpy(-1.5f, x, 1, f1, 2, n);
    panama.axpy(-1.5f, x, 1, f2, 2, n);
    assertThat(f2).containsExactly(f1, within(1e-5f));
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void softmaxes(int n) {
    double[] z = doubles(n);
    for (int i = 0; i < n; i++) {
      z[i] *= 20; // wide spread: exercises the max subtraction
    }
    double[] a = z.clone();
    double[] b = z.clone();
    assertThat(panama.softmax(b, 0, n)).isCloseTo(SCALAR.softmax(a, 0, n), within(1e-12));
    assertThat(b).containsExactly(a, within(1e-14));
    float[] zf = floats(n);
    float[] af = zf.clone();
    float[] bf = zf.clone();
    assertThat(panama.softmax(bf, 0, n)).isCloseTo(SCALAR.softmax(af, 0, n), within(1e-5));
    assertThat(bf).containsExactly(af, within(1e-6f));
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void featureMajorKernels(int k) {
    int d = 37;
    int stride = (k + KernelImpl.PAD - 1) / KernelImpl.PAD * KernelImpl.PAD;
    double[] w = new double[d * stride];
    for (int j = 0; j < d; j++) {
      for (int c = 0; c < k; c++) {
        w[j * stride + c] = random.nextGaussian();
      }
    }
    float[] x = floats(d + 2);
    x[5] = 0f; // zeros are skipped
    double[] outA = new double[stride];
    double[] outB = new double[stride];
    SCALAR.rowTimesMatrix(x, 2, d, w, stride, k, outA);
    panama.rowTimesMatrix(x, 2, d, w, stride, k, outB);
    assertThat(outB).containsExactly(outA, within(1e-12));

    double[] delta = new double[stride];
    for (int c = 0; c < k; c++) {
      delta[c] = random.nextGaussian();
    }
    double[] gA = doubles(d * stride);
    double[] gB = gA.clone();
    SCALAR.outerAdd(x, 2, d, delta, stride, k, gA);
    panama.outerAdd(x, 2, d, delta, stride, k, gB);
    assertThat(gB).containsExactly(gA, within(1e-12));

    int[] idx = {0, 3, 4, 10, 36};
    float[] val = {1.5f, -2f, 0.25f, 3f, -1f};
    Arrays.fill(outA, 0);
    Arrays.fill(outB, 0);
    SCALAR.sparseRowTimesMatrix(idx, val, 0, idx.length, w, stride, k, outA);
    panama.sparseRowTimesMatrix(idx, val, 0, idx.length, w, stride, k, outB);
    assertThat(outB).containsExactly(outA, within(1e-12));
    SCALAR.sparseOuterAdd(idx, val, 1, 4, delta, stride, k, gA);
    panama.sparseOuterAdd(idx, val, 1, 4, delta, stride, k, gB);
    assertThat(gB).containsExactly(gA, within(1e-12));
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void matrixProducts(int n) {
    int m = 7;
    int kd = 19;
    float[] a = floats(m * kd);
    float[] b = floats(kd * n);
    float[] bt = floats(n * kd);
    float[] c1 = floats(m * n);
    float[] c2 = c1.clone();
    SCALAR.gemm(a, m, kd, b, n, c1);
    panama.gemm(a, m, kd, b, n, c2);
    assertThat(c2).containsExactly(c1, within(1e-4f));
    float[] d1 = floats(m * n);
    float[] d2 = d1.clone();
    SCALAR.gemmTransposedB(a, m, kd, bt, n, d1);
    panama.gemmTransposedB(a, m, kd, bt, n, d2);
    assertThat(d2).containsExactly(d1, within(1e-4f));
    float[] at = floats(kd * m);
    float[] bk = floats(kd * n);
    float[] e1 = floats(m * n);
    float[] e2 = e1.clone();
    SCALAR.gemmTransposedA(at, kd, m, bk, n, e1);
    panama.gemmTransposedA(at, kd, m, bk, n, e2);
    assertThat(e2).containsExactly(e1, within(1e-4f));
    float[] e3 = new float[m * n];
    naiveTransposedA(at, kd, m, bk, n, e3);
    float[] e4 = new float[m * n];
    SCALAR.gemmTransposedA(at, kd, m, bk, n, e4);
    assertThat(e4).containsExactly(e3, within(1e-4f));
  }

  static IntStream units() {
    return IntStream.of(1, 3, 4, 5, 10, 13, 100);
  }

  @ParameterizedTest
  @MethodSource("units")
  void transposedAProductsOfLayerShapes(int m) {
    // The weight gradient of a hidden layer: a shard of 25 rows, m units, 784 inputs.
    int kd = 25;
    int n = 784;
    float[] a = floats(kd * m);
    float[] b = floats(kd * n);
    float[] c1 = new float[m * n];
    float[] c2 = new float[m * n];
    SCALAR.gemmTransposedA(a, kd, m, b, n, c1);
    panama.gemmTransposedA(a, kd, m, b, n, c2);
    assertThat(c2).containsExactly(c1, within(1e-3f));
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void floatSparseRowTimesMatrix(int units) {
    int stride = (units + 15) / 16 * 16;
    int dim = 50;
    float[] w = floats(dim * stride);
    int[] idx = {0, 3, 7, 19, 20, 41, 49};
    float[] val = floats(idx.length);
    float[] o1 = floats(stride);
    float[] o2 = o1.clone();
    SCALAR.sparseRowTimesMatrix(idx, val, 1, 7, w, stride, o1);
    panama.sparseRowTimesMatrix(idx, val, 1, 7, w, stride, o2);
    assertThat(o2).containsExactly(o1, within(1e-5f));
    float[] g1 = floats(dim * stride);
    float[] g2 = g1.clone();
    SCALAR.sparseOuterAdd(idx, val, 0, 6, o1, stride, g1);
    panama.sparseOuterAdd(idx, val, 0, 6, o1, stride, g2);
    assertThat(g2).containsExactly(g1, within(1e-5f));
  }

  /** {@code c += a^T b} from the definition, in double. */
  private static void naiveTransposedA(float[] a, int kd, int m, float[] b, int n, float[] c) {
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < kd; p++) {
          s += (double) a[p * m + i] * b[p * n + j];
        }
        c[i * n + j] += (float) s;
      }
    }
  }

  @ParameterizedTest
  @MethodSource("lengths")
  void largeMatrixProductsAgreeToo(int m) {
    int kd = 784;
    int n = 10 + m % 23;
    float[] a = floats(m * kd);
    float[] b = floats(kd * n);
    float[] c1 = new float[m * n];
    float[] c2 = new float[m * n];
    SCALAR.gemm(a, m, kd, b, n, c1);
    panama.gemm(a, m, kd, b, n, c2);
    // 784 float products of unit variance: sums of size ~28, float rounding ~1e-5 relative.
    assertThat(c2).containsExactly(c1, within(2e-3f));
  }
}
