package dev.softclass.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.SoftclassException;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResamplerTest {
  /** 3 classes of 40, 9 and 3 rows in 3 dimensions, each class around its own centre. */
  private static DenseMatrix x;

  private static int[] y;

  static {
    Random random = new Random(1);
    int[] sizes = {40, 9, 3};
    int n = 52;
    float[] data = new float[n * 3];
    y = new int[n];
    int r = 0;
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < sizes[c]; i++, r++) {
        y[r] = c;
        for (int j = 0; j < 3; j++) {
          data[r * 3 + j] = (float) (c * 4 + random.nextGaussian());
        }
      }
    }
    x = new DenseMatrix(data, n, 3);
  }

  private static int[] counts(int[] labels) {
    int[] c = new int[3];
    for (int label : labels) {
      c[label]++;
    }
    return c;
  }

  @Test
  void overSamplingRepeatsRowsOfSmallerClassesUpToTheLargest() {
    Resampler.Sample s = Resampler.resample(x, y, 3, ResampleMethod.OVER, 5, 42);

    assertThat(counts(s.y())).containsExactly(40, 40, 40);
    Set<String> original = rows(x);
    assertThat(rows((DenseMatrix) s.x())).isEqualTo(original); // only copies of real rows
    assertThat(Resampler.resample(x, y, 3, ResampleMethod.OVER, 5, 42).y()).isEqualTo(s.y());
  }

  @Test
  void underSamplingKeepsARandomSubsetOfEachClass() {
    Resampler.Sample s = Resampler.resample(x, y, 3, ResampleMethod.UNDER, 5, 42);

    assertThat(counts(s.y())).containsExactly(3, 3, 3);
    assertThat(rows(x)).containsAll(rows((DenseMatrix) s.x()));
    assertThat(rows((DenseMatrix) s.x())).hasSize(9); // no row twice
  }

  @Test
  void smotePointsLieOnSegmentsBetweenSameClassNeighbours() {
    int k = 3;
    Resampler.Sample s = Resampler.resample(x, y, 3, ResampleMethod.SMOTE, k, 7);
    DenseMatrix out = (DenseMatrix) s.x();

    assertThat(counts(s.y())).containsExactly(40, 40, 40);
    // the original rows come first, unchanged
    assertThat(Arrays.copyOf(out.data(), x.data().length)).isEqualTo(x.data());
    for (int r = x.rows(); r < out.rows(); r++) {
      int c = s.y()[r];
      assertThat(onSegmentToANeighbour(out.denseRow(r), c, Math.min(k, counts(y)[c] - 1)))
          .as("synthetic row %d of class %d", r, c)
          .isTrue();
    }
  }

  /**
   * Whether {@code p = a + u (b - a)} with {@code u} in [0, 1], for a row {@code a} of class {@code
   * c} and one of its {@code k} nearest rows {@code b} of the same class (found here by brute
   * force).
   */
  private static boolean onSegmentToANeighbour(float[] p, int c, int k) {
    for (int a = 0; a < x.rows(); a++) {
      if (y[a] != c) {
        continue;
      }
      for (int b : nearestSameClass(a, c, k)) {
        float[] av = x.denseRow(a);
        float[] bv = x.denseRow(b);
        double dot = 0;
        double len = 0;
        for (int j = 0; j < 3; j++) {
          dot += (p[j] - av[j]) * (double) (bv[j] - av[j]);
          len += (bv[j] - av[j]) * (double) (bv[j] - av[j]);
        }
        double u = len == 0 ? 0 : dot / len;
        double off = 0;
        for (int j = 0; j < 3; j++) {
          double e = p[j] - (av[j] + u * (bv[j] - av[j]));
          off += e * e;
        }
        if (u >= -1e-6 && u <= 1 + 1e-6 && Math.sqrt(off) < 1e-5) {
          return true;
        }
      }
    }
    return false;
  }

  private static int[] nearestSameClass(int a, int c, int k) {
    Integer[] others =
        java.util.stream.IntStream.range(0, x.rows())
            .filter(i -> y[i] == c && i != a)
            .boxed()
            .toArray(Integer[]::new);
    Arrays.sort(others, (p, q) -> Double.compare(dist(a, p), dist(a, q)));
    return Arrays.stream(others).limit(k).mapToInt(Integer::intValue).toArray();
  }

  private static double dist(int a, int b) {
    double s = 0;
    for (int j = 0; j < 3; j++) {
      double d = x.get(a, j) - x.get(b, j);
      s += d * d;
    }
    return s;
  }

  @Test
  void smoteIsSeeded() {
    Resampler.Sample a = Resampler.resample(x, y, 3, ResampleMethod.SMOTE, 5, 11);
    Resampler.Sample b = Resampler.resample(x, y, 3, ResampleMethod.SMOTE, 5, 11);
    Resampler.Sample c = Resampler.resample(x, y, 3, ResampleMethod.SMOTE, 5, 12);

    assertThat(((DenseMatrix) a.x()).data()).isEqualTo(((DenseMatrix) b.x()).data());
    assertThat(((DenseMatrix) a.x()).data()).isNotEqualTo(((DenseMatrix) c.x()).data());
  }

  @Test
  void smoteRefusesSparseData() {
    CsrMatrix sparse = new CsrMatrix(new int[] {0, 1, 2}, new int[] {0, 1}, new float[] {1, 2}, 2);

    assertThatThrownBy(
            () -> Resampler.resample(sparse, new int[] {0, 1}, 2, ResampleMethod.SMOTE, 5, 1))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("--resample over");
  }

  private static Set<String> rows(DenseMatrix m) {
    Set<String> out = new HashSet<>();
    for (int r = 0; r < m.rows(); r++) {
      out.add(Arrays.toString(m.denseRow(r)));
    }
    return out;
  }
}
