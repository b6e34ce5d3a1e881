package dev.softclass.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.LabelEncoder;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataChecksTest {
  private static final double[][] CLEAN = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
  private static final int[] Y = {0, 1, 0};

  private static double[][] with(int row, int col, double value) {
    double[][] x = new double[CLEAN.length][];
    for (int r = 0; r < x.length; r++) {
      x[r] = CLEAN[r].clone();
    }
    x[row][col] = value;
    return x;
  }

  @Test
  void finiteDataPasses() {
    assertThatCode(() -> DataChecks.requireFinite(Dataset.of(CLEAN, Y))).doesNotThrowAnyException();
  }

  @Test
  void nanIsRefusedNamingRowAndColumn() {
    Dataset data = Dataset.of(with(1, 2, Double.NaN), Y);

    assertThatThrownBy(() -> DataChecks.requireFinite(data))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("row 1, column 'f3' (index 2)")
        .hasMessageContaining("the value is NaN")
        .hasMessageContaining("leave a cell empty");
  }

  @Test
  void infinityIsRefusedNamingRowAndColumn() {
    Dataset data = Dataset.of(with(2, 0, Double.NEGATIVE_INFINITY), Y);

    assertThatThrownBy(() -> DataChecks.requireFinite(data))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("row 2, column 'f1' (index 0)")
        .hasMessageContaining("-Infinity");
  }

  @Test
  void doubleTooLargeForFloatBecomesInfinityAndIsRefused() {
    Dataset data = Dataset.of(with(0, 1, 1e39), Y);

    assertThatThrownBy(() -> DataChecks.requireFinite(data))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("row 0, column 'f2'")
        .hasMessageContaining("Infinity");
  }

  @Test
  void nanIsAllowedWhenItMarksMissingValues() {
    Dataset strict = Dataset.of(with(1, 2, Double.NaN), Y);
    Dataset missing =
        new Dataset(
            strict.features(), Y, strict.encoder(), List.of("a", "b", "c"), "t.csv", null, true);

    assertThatCode(() -> DataChecks.requireFinite(missing)).doesNotThrowAnyException();
  }

  @Test
  void infinityIsRefusedEvenWithMissingValues() {
    Dataset strict = Dataset.of(with(1, 2, Double.POSITIVE_INFINITY), Y);
    Dataset missing =
        new Dataset(
            strict.features(),
            Y,
            strict.encoder(),
            List.of("a", "b", "c"),
            "t.csv",
            new long[] {2, 3, 4},
            true);

    assertThatThrownBy(() -> DataChecks.requireFinite(missing))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("t.csv, line 3, column 'c' (index 2)");
  }

  @Test
  void sparseNonFiniteValueNamesRowAndColumn() {
    CsrMatrix m =
        new CsrMatrix(new int[] {0, 1, 3}, new int[] {0, 1, 4}, new float[] {1, 2, Float.NaN}, 5);
    Dataset data =
        new Dataset(
            m,
            new int[] {0, 1},
            LabelEncoder.ofClasses(List.of("a", "b")),
            null,
            null,
            null,
            false);

    assertThatThrownBy(() -> DataChecks.requireFinite(data))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("row 1, column 'f5' (index 4)");
  }

  @Test
  void scaleWarningOnlyForVeryDifferentRanges() {
    DenseMatrix similar = new DenseMatrix(new float[] {0, 0, 1, 5, 2, 10}, 3, 2);
    DenseMatrix wild = new DenseMatrix(new float[] {0, 0, 1, 5000, 2, 10000}, 3, 2);

    assertThat(DataChecks.scaleWarning(similar)).isEmpty();
    assertThat(DataChecks.scaleWarning(wild)).contains("factor of 5.00e+03");
  }
}
