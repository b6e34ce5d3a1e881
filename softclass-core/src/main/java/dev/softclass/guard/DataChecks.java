package dev.softclass.guard;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;

/** Checks on feature values, before training and before prediction. */
public final class DataChecks {
  private DataChecks() {}

  /**
   * Refuses infinite values anywhere, and NaN unless the data marks NaN as "missing" (empty CSV
   * cells, which are filled with the training mean).
   *
   * @throws GuardRailException naming the first bad row and column
   */
  public static void requireFinite(Dataset data) {
    FeatureMatrix x = data.features();
    if (x instanceof DenseMatrix m) {
      float[] v = m.data();
      int d = m.cols();
      for (int i = 0; i < v.length; i++) {
        float f = v[i];
        if (Float.isInfinite(f) || (Float.isNaN(f) && !data.hasMissing())) {
          throw notFinite(data, i / d, i % d, f);
        }
      }
    } else {
      CsrMatrix m = (CsrMatrix) x;
      float[] v = m.values();
      int[] ptr = m.rowPtr();
      for (int r = 0; r < m.rows(); r++) {
        for (int k = ptr[r]; k < ptr[r + 1]; k++) {
          if (!Float.isFinite(v[k])) {
            throw notFinite(data, r, m.indices()[k], v[k]);
          }
        }
      }
    }
  }

  private static GuardRailException notFinite(Dataset data, int row, int col, float value) {
    return new GuardRailException(
        data.describeRow(row)
            + ", column '"
            + data.featureNames().get(col)
            + "' (index "
            + col
            + "): the value is "
            + value
            + ". Features must be finite numbers: replace or drop such values before training."
            + " (In a CSV file, leave a cell empty to mark it missing; it is then filled as --impute"
            + " says, by default with the training mean.)");
  }

  /**
   * A warning when unscaled dense features differ in spread by more than a factor of 1000, which
   * makes gradient methods crawl; empty when the spreads are comparable.
   */
  public static String scaleWarning(FeatureMatrix x) {
    if (!(x instanceof DenseMatrix m) || m.rows() < 2) {
      return "";
    }
    double smallest = Double.POSITIVE_INFINITY;
    double largest = 0;
    int d = m.cols();
    for (int c = 0; c < d; c++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < m.rows(); r++) {
        float v = m.get(r, c);
        if (!Float.isNaN(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      double range = hi - lo;
      if (range > 0) {
        smallest = Math.min(smallest, range);
        largest = Math.max(largest, range);
      }
    }
    if (largest > 0 && largest / smallest > 1e3) {
      return String.format(
          java.util.Locale.ROOT,
          "feature ranges differ by a factor of %.3g and scaling is off: gradient methods may"
              + " stall or stop early. Use --scale auto (the default) unless the features are"
              + " already on comparable scales.",
          largest / smallest);
    }
    return "";
  }
}
