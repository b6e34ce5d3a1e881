package dev.softclass.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.SoftclassException;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureTransformTest {
  /** 500 rows: column 0 ~ N(1000, 50), column 1 ~ N(-3, 0.01), column 2 ~ U(0, 1), column 3 = 7. */
  private static DenseMatrix wideRanges() {
    Random random = new Random(3);
    int n = 500;
    float[] v = new float[n * 4];
    for (int r = 0; r < n; r++) {
      v[r * 4] = (float) (1000 + 50 * random.nextGaussian());
      v[r * 4 + 1] = (float) (-3 + 0.01 * random.nextGaussian());
      v[r * 4 + 2] = random.nextFloat();
      v[r * 4 + 3] = 7f;
    }
    return new DenseMatrix(v, n, 4);
  }

  private static double mean(DenseMatrix m, int c) {
    double s = 0;
    for (int r = 0; r < m.rows(); r++) {
      s += m.get(r, c);
    }
    return s / m.rows();
  }

  private static double populationStd(DenseMatrix m, int c) {
    double mu = mean(m, c);
    double s = 0;
    for (int r = 0; r < m.rows(); r++) {
      double d = m.get(r, c) - mu;
      s += d * d;
    }
    return Math.sqrt(s / m.rows());
  }

  @Test
  void standardScalingGivesMeanZeroAndPopulationStdOne() {
    DenseMatrix x = wideRanges();

    FeatureTransform t = FeatureTransform.fit(x, ScaleMode.STANDARD);
    DenseMatrix z = (DenseMatrix) t.apply(x);

    assertThat(t.mode()).isEqualTo(ScaleMode.STANDARD);
    for (int c = 0; c < 3; c++) {
      assertThat(mean(z, c)).as("mean of column %s", c).isCloseTo(0, within(1e-4));
      assertThat(populationStd(z, c)).as("std of column %s", c).isCloseTo(1, within(1e-4));
    }
    assertThat(t.center()[0]).isCloseTo((float) mean(x, 0), within(1e-2f));
    assertThat(t.scale()[0]).isCloseTo((float) populationStd(x, 0), within(1e-2f));
  }

  @Test
  void populationNotSampleStandardDeviation() {
    DenseMatrix x = new DenseMatrix(new float[] {1, 2, 3, 4}, 4, 1);

    FeatureTransform t = FeatureTransform.fit(x, ScaleMode.STANDARD);

    assertThat(t.center()).containsExactly(2.5f);
    assertThat(t.scale()).containsExactly((float) Math.sqrt(1.25));
  }

  @Test
  void constantColumnKeepsScaleOneAndBecomesZero() {
    DenseMatrix x = wideRanges();

    FeatureTransform t = FeatureTransform.fit(x, ScaleMode.STANDARD);
    DenseMatrix z = (DenseMatrix) t.apply(x);

    assertThat(t.scale()[3]).isEqualTo(1f);
    assertThat(t.center()[3]).isEqualTo(7f);
    for (int r = 0; r < z.rows(); r++) {
      assertThat(z.get(r, 3)).isZero();
    }
    assertThat(FeatureTransform.fit(x, ScaleMode.MAXABS).scale()[3]).isEqualTo(7f);
    DenseMatrix zeros = new DenseMatrix(new float[] {0, 0, 0}, 3, 1);
    assertThat(FeatureTransform.fit(zeros, ScaleMode.MAXABS).scale()).containsExactly(1f);
  }

  @Test
  void nanIsLeftOutOfTheStatisticsAndFilledWithTheColumnMean() {
    float nan = Float.NaN;
    DenseMatrix x = new DenseMatrix(new float[] {2, 1, nan, 1, 4, 1, 6, 1}, 4, 2);

    FeatureTransform t = FeatureTransform.fit(x, ScaleMode.STANDARD);

    assertThat(t.fill()).containsExactly(4f, 1f);
    assertThat(t.center()[0]).isEqualTo(4f);
    assertThat(t.scale()[0]).isCloseTo((float) Math.sqrt(8.0 / 3), within(1e-6f));
    DenseMatrix z = (DenseMatrix) t.apply(x);
    assertThat(z.get(1, 0)).isZero();
    assertThat(z.get(3, 0)).isCloseTo((float) (2 / Math.sqrt(8.0 / 3)), within(1e-6f));
  }

  @Test
  void noScalingStillFillsMissingValues() {
    DenseMatrix x = new DenseMatrix(new float[] {10, Float.NaN, 20}, 3, 1);

    FeatureTransform t = FeatureTransform.fit(x, ScaleMode.NONE);
    DenseMatrix z = (DenseMatrix) t.apply(x);

    assertThat(z.data()).containsExactly(10f, 15f, 20f);
    assertThat(t.keepsSparsity()).isTrue();
  }

  @Test
  void allMissingColumnFillsWithZero() {
    DenseMatrix x = new DenseMatrix(new float[] {1, Float.NaN, 3, Float.NaN}, 2, 2);

    FeatureTransform t = FeatureTransform.fit(x, ScaleMode.STANDARD);

    assertThat(t.fill()[1]).isZero();
    assertThat(t.scale()[1]).isEqualTo(1f);
    assertThat(((DenseMatrix) t.apply(x)).data()).containsExactly(-1f, 0f, 1f, 0f);
  }

  @Test
  void maxAbsOnSparseDataKeepsSparsity() {
    // Row 0: col0 = 2, col2 = -8; row 1: col2 = 4; row 2: empty; column 1 never stored.
    CsrMatrix x =
        new CsrMatrix(new int[] {0, 2, 3, 3}, new int[] {0, 2, 2}, new float[] {2, -8, 4}, 3);

    FeatureTransform t = FeatureTransform.fit(x, ScaleMode.AUTO);
    FeatureMatrix z = t.apply(x);

    assertThat(t.mode()).isEqualTo(ScaleMode.MAXABS);
    assertThat(t.scale()).containsExactly(2f, 1f, 8f);
    assertThat(t.center()).containsExactly(0f, 0f, 0f);
    assertThat(t.keepsSparsity()).isTrue();
    assertThat(z).isInstanceOf(CsrMatrix.class);
    CsrMatrix s = (CsrMatrix) z;
    assertThat(s.rowPtr()).containsExactly(0, 2, 3, 3);
    assertThat(s.indices()).containsExactly(0, 2, 2);
    assertThat(s.values()).containsExactly(1f, -1f, 0.5f);
    assertThat(x.values()).containsExactly(2f, -8f, 4f);
    float[] out = new float[2];
    t.applySparse(x.indices(), x.values(), 0, 2, out);
    assertThat(out).containsExactly(1f, -1f);
  }

  @Test
  void autoIsStandardForDenseData() {
    FeatureTransform t = FeatureTransform.fit(wideRanges(), ScaleMode.AUTO);

    assertThat(t.mode()).isEqualTo(ScaleMode.STANDARD);
    assertThat(t.keepsSparsity()).isFalse();
  }

  @Test
  void standardScalingOfSparseDataIsRefused() {
    CsrMatrix x = new CsrMatrix(new int[] {0, 1}, new int[] {0}, new float[] {1}, 1);

    assertThatThrownBy(() -> FeatureTransform.fit(x, ScaleMode.STANDARD))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("dense")
        .hasMessageContaining("--scale auto");
  }

  @Test
  void applyDenseMatchesMatrixApply() {
    DenseMatrix x = wideRanges();
    FeatureTransform t = FeatureTransform.fit(x, ScaleMode.STANDARD);
    DenseMatrix z = (DenseMatrix) t.apply(x);

    float[] out = new float[4];
    t.applyDense(x.data(), x.offset(17), out, 0);

    assertThat(out).containsExactly(z.denseRow(17));
  }

  @Test
  void wrongWidthIsRefused() {
    FeatureTransform t = FeatureTransform.fit(wideRanges(), ScaleMode.STANDARD);

    assertThatThrownBy(() -> t.apply(new DenseMatrix(new float[] {1, 2}, 1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 features, transform has 4");
  }
}
