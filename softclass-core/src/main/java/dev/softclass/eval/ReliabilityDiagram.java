package dev.softclass.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How far confidence is from accuracy: rows are grouped into bins by their confidence (the
 * probability of the predicted class), and each bin's mean confidence is set against the share of
 * its rows predicted right. The expected calibration error (ECE) is the row-weighted mean gap, the
 * maximum calibration error (MCE) the largest gap of a non-empty bin.
 *
 * <p>Binning follows scikit-learn's {@code calibration_curve}: a value equal to an inner edge falls
 * in the lower bin, and empty bins are left out. Immutable.
 *
 * @param strategy how the edges were chosen
 * @param edges the {@code bins + 1} bin edges, increasing (equal-mass edges may repeat)
 * @param bins the non-empty bins, in increasing order of confidence
 */
public record ReliabilityDiagram(BinStrategy strategy, double[] edges, List<Bin> bins) {

  /** The default number of bins (as in Guo et al., "On Calibration of Modern Neural Networks"). */
  public static final int DEFAULT_BINS = 15;

  /**
   * One bin of the diagram.
   *
   * @param lower the bin's lower edge
   * @param upper the bin's upper edge
   * @param count rows in the bin
   * @param confidence mean confidence of those rows
   * @param accuracy share of those rows predicted right
   */
  public record Bin(double lower, double upper, int count, double confidence, double accuracy) {
    /** {@code |accuracy - confidence|}. */
    public double gap() {
      return Math.abs(accuracy - confidence);
    }
  }

  /** Copies the edges and bins. */
  public ReliabilityDiagram {
    edges = edges.clone();
    bins = List.copyOf(bins);
  }

  /**
   * Bins confidences and outcomes.
   *
   * @param confidence per row, in [0, 1]
   * @param correct per row, whether the prediction was right
   * @param numBins number of bins, at least 1
   * @throws IllegalArgumentException if there are no rows, lengths differ or a value is outside [0,
   *     1]
   */
  public static ReliabilityDiagram of(
      double[] confidence, boolean[] correct, int numBins, BinStrategy strategy) {
    int n = confidence.length;
    if (n == 0 || correct.length != n || numBins < 1) {
      throw new IllegalArgumentException(
          n + " confidences, " + correct.length + " outcomes, " + numBins + " bins");
    }
    for (int i = 0; i < n; i++) {
      if (!(confidence[i] >= 0 && confidence[i] <= 1)) {
        throw new IllegalArgumentException("confidence " + i + " is " + confidence[i]);
      }
    }
    double[] edges =
        strategy == BinStrategy.EQUAL_WIDTH
            ? uniformEdges(numBins)
            : quantileEdges(confidence, numBins);
    double[] sumConf = new double[numBins];
    int[] hits = new int[numBins];
    int[] counts = new int[numBins];
    for (int i = 0; i < n; i++) {
      int b = binOf(edges, confidence[i]);
      sumConf[b] += confidence[i];
      counts[b]++;
      if (correct[i]) {
        hits[b]++;
      }
    }
    List<Bin> bins = new ArrayList<>();
    for (int b = 0; b < numBins; b++) {
      if (counts[b] > 0) {
        bins.add(
            new Bin(
                edges[b],
                edges[b + 1],
                counts[b],
                sumConf[b] / counts[b],
                (double) hits[b] / counts[b]));
      }
    }
    return new ReliabilityDiagram(strategy, edges, bins);
  }

  /** Number of rows binned. */
  public int n() {
    int n = 0;
    for (Bin b : bins) {
      n += b.count();
    }
    return n;
  }

  /** Expected calibration error: {@code sum_b (count_b / n) |accuracy_b - confidence_b|}. */
  public double ece() {
    double sum = 0;
    for (Bin b : bins) {
      sum += b.count() * b.gap();
    }
    return sum / n();
  }

  /** Maximum calibration error: the largest {@code |accuracy_b - confidence_b|}. */
  public double mce() {
    double max = 0;
    for (Bin b : bins) {
      max = Math.max(max, b.gap());
    }
    return max;
  }

  /** The bins as JSON-friendly maps (lower, upper, count, confidence, accuracy). */
  public List<Map<String, Object>> toList() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Bin b : bins) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lower", b.lower());
      m.put("upper", b.upper());
      m.put("count", b.count());
      m.put("confidence", b.confidence());
      m.put("accuracy", b.accuracy());
      out.add(m);
    }
    return out;
  }

  /** The bin of {@code v}: how many inner edges are strictly below it (numpy's searchsorted). */
  private static int binOf(double[] edges, double v) {
    int lo = 1;
    int hi = edges.length - 1; // inner edges are edges[1 .. length-2]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (edges[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - 1;
  }

  private static double[] uniformEdges(int numBins) {
    double[] e = new double[numBins + 1];
    for (int i = 0; i <= numBins; i++) {
      // numpy's linspace: start + i * step, the last edge exactly 1
      e[i] = i == numBins ? 1.0 : i * (1.0 / numBins);
    }
    return e;
  }

  /** Edges at the quantiles, computed as numpy's {@code percentile} (method "linear") does. */
  private static double[] quantileEdges(double[] values, int numBins) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double[] e = new double[numBins + 1];
    for (int i = 0; i <= numBins; i++) {
      double q = (i == numBins ? 1.0 : i * (1.0 / numBins)) * 100 / 100;
      double virtual = n * q + (1 + q * -1) - 1;
      if (virtual >= n - 1) {
        e[i] = sorted[n - 1];
      } else if (virtual < 0) {
        e[i] = sorted[0];
      } else {
        int lo = (int) Math.floor(virtual);
        double t = virtual - lo;
        double a = sorted[lo];
        double diff = sorted[lo + 1] - a;
        e[i] = t >= 0.5 ? sorted[lo + 1] - diff * (1 - t) : a + diff * t;
      }
    }
    return e;
  }
}
