package dev.softclass.calibrate;

import java.util.Arrays;

/**
 * A non-decreasing piecewise-linear map fitted by isotonic regression, as scikit-learn's {@code
 * IsotonicRegression(out_of_bounds="clip")}: rows with equal {@code x} are merged (weighted mean),
 * the pool-adjacent-violators algorithm makes the values non-decreasing, and only the ends of each
 * constant run are kept as knots. Between knots the map interpolates linearly; outside them it is
 * constant. Immutable.
 *
 * @param x the knots, strictly increasing
 * @param y the values at the knots, non-decreasing
 */
public record IsotonicRegression(double[] x, double[] y) {

  /**
   * @throws IllegalArgumentException unless the knots are finite, strictly increasing, as many as
   *     the values, at least one, and the values finite and non-decreasing
   */
  public IsotonicRegression {
    x = x.clone();
    y = y.clone();
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException(x.length + " knots and " + y.length + " values");
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("knot " + i + " is not finite");
      }
      if (i > 0 && (x[i] <= x[i - 1] || y[i] < y[i - 1])) {
        throw new IllegalArgumentException("knot " + i + " breaks the increasing order");
      }
    }
  }

  @Override
  public double[] x() {
    return x.clone();
  }

  @Override
  public double[] y() {
    return y.clone();
  }

  /** Equal when the knots and values are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof IsotonicRegression r && Arrays.equals(x, r.x) && Arrays.equals(y, r.y);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
  }

  @Override
  public String toString() {
    return "IsotonicRegression[" + x.length + " knots]";
  }

  /**
   * Fits the map to points {@code (x_i, y_i)}, each of weight 1.
   *
   * @throws IllegalArgumentException if there are no points or a value is not finite
   */
  public static IsotonicRegression fit(double[] xs, double[] ys) {
    int n = xs.length;
    if (n == 0 || ys.length != n) {
      throw new IllegalArgumentException(n + " inputs and " + ys.length + " targets");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (p, q) -> Double.compare(xs[p], xs[q]));
    // Merge equal x: weighted mean of y.
    double[] ux = new double[n];
    double[] uy = new double[n];
    double[] w = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      double xi = xs[order[i]];
      double yi = ys[order[i]];
      if (m > 0 && ux[m - 1] == xi) {
        uy[m - 1] += yi;
        w[m - 1] += 1;
      } else {
        ux[m] = xi;
        uy[m] = yi;
        w[m] = 1;
        m++;
      }
    }
    for (int i = 0; i < m; i++) {
      uy[i] /= w[i];
    }
    double[] fitted = poolAdjacentViolators(uy, w, m);
    // Keep the first and last point and any point whose value differs from a neighbour's.
    double[] kx = new double[m];
    double[] ky = new double[m];
    int kept = 0;
    for (int i = 0; i < m; i++) {
      boolean inside = i > 0 && i < m - 1;
      if (!inside || fitted[i] != fitted[i - 1] || fitted[i] != fitted[i + 1]) {
        kx[kept] = ux[i];
        ky[kept] = fitted[i];
        kept++;
      }
    }
    return new IsotonicRegression(Arrays.copyOf(kx, kept), Arrays.copyOf(ky, kept));
  }

  /** The non-decreasing weighted least-squares fit of {@code y[0..m)}. */
  private static double[] poolAdjacentViolators(double[] y, double[] w, int m) {
    double[] value = new double[m];
    double[] weight = new double[m];
    int[] end = new int[m]; // exclusive end index of each block
    int blocks = 0;
    for (int i = 0; i < m; i++) {
      value[blocks] = y[i];
      weight[blocks] = w[i];
      end[blocks] = i + 1;
      blocks++;
      while (blocks > 1 && value[blocks - 2] >= value[blocks - 1]) {
        double total = weight[blocks - 2] + weight[blocks - 1];
        value[blocks - 2] =
            (value[blocks - 2] * weight[blocks - 2] + value[blocks - 1] * weight[blocks - 1])
                / total;
        weight[blocks - 2] = total;
        end[blocks - 2] = end[blocks - 1];
        blocks--;
      }
    }
    double[] out = new double[m];
    int start = 0;
    for (int b = 0; b < blocks; b++) {
      Arrays.fill(out, start, end[b], value[b]);
      start = end[b];
    }
    return out;
  }

  /** The map's value at {@code v}: linear between knots, the end value beyond them. */
  public double apply(double v) {
    int last = x.length - 1;
    if (v <= x[0]) {
      return y[0];
    }
    if (v >= x[last]) {
      return y[last];
    }
    int i = Arrays.binarySearch(x, v);
    if (i >= 0) {
      return y[i];
    }
    int hi = -i - 1;
    int lo = hi - 1;
    // scipy's interp1d order of operations, so results match scikit-learn to the last bit
    double slope = (y[hi] - y[lo]) / (x[hi] - x[lo]);
    return slope * (v - x[lo]) + y[lo];
  }
}
