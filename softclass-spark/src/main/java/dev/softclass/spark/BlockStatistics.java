package dev.softclass.spark;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-feature statistics (count, mean, sum of squared deviations, largest absolute value) and
 * per-class row counts of some partitions, merged pairwise with Chan's update so that the scaling
 * fitted on a cluster equals the single-machine one up to rounding.
 */
final class BlockStatistics implements Serializable {
  private static final long serialVersionUID = 1L;

  long rows;
  long storedValues;
  long sparseBlocksRows;
  final double[] mean;
  final double[] m2;
  final double[] maxAbs;

  /** Rows per class (single-label) or per label (multi-label). */
  long[] classCounts;

  private BlockStatistics(int d) {
    mean = new double[d];
    m2 = new double[d];
    maxAbs = new double[d];
    classCounts = new long[0];
  }

  /** The statistics of one block's raw (unscaled) features and labels. */
  static BlockStatistics of(RowBlock block, int classes) {
    int d = block.x().cols();
    BlockStatistics s = new BlockStatistics(d);
    int n = block.rows();
    s.rows = n;
    s.storedValues = block.x().storedValues();
    if (block.x() instanceof CsrMatrix m) {
      s.sparseBlocksRows = n;
      int[] idx = m.indices();
      float[] val = m.values();
      long[] nonZero = new long[d];
      for (int k = 0; k < val.length; k++) {
        s.mean[idx[k]] += val[k];
        nonZero[idx[k]]++;
        s.maxAbs[idx[k]] = Math.max(s.maxAbs[idx[k]], Math.abs(val[k]));
      }
      for (int c = 0; c < d; c++) {
        s.mean[c] = n == 0 ? 0 : s.mean[c] / n;
      }
      for (int k = 0; k < val.length; k++) {
        double dv = val[k] - s.mean[idx[k]];
        s.m2[idx[k]] += dv * dv;
      }
      for (int c = 0; c < d; c++) {
        s.m2[c] += (n - nonZero[c]) * s.mean[c] * s.mean[c];
      }
    } else {
      DenseMatrix m = (DenseMatrix) block.x();
      float[] data = m.data();
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < d; c++) {
          float v = data[r * d + c];
          s.mean[c] += v;
          s.maxAbs[c] = Math.max(s.maxAbs[c], Math.abs(v));
        }
      }
      for (int c = 0; c < d; c++) {
        s.mean[c] = n == 0 ? 0 : s.mean[c] / n;
      }
      for (int r = 0; r < n; r++) {
        for (int c = 0; c < d; c++) {
          double dv = data[r * d + c] - s.mean[c];
          s.m2[c] += dv * dv;
        }
      }
    }
    if (block.sets() != null) {
      s.classCounts = Arrays.stream(block.sets().labelCounts()).asLongStream().toArray();
    } else {
      s.classCounts = new long[classes];
      for (int label : block.y()) {
        if (label >= s.classCounts.length) {
          s.classCounts = Arrays.copyOf(s.classCounts, label + 1);
        }
        s.classCounts[label]++;
      }
    }
    return s;
  }

  /** Merges {@code b} into {@code a} (Chan et al.'s pairwise update) and returns {@code a}. */
  static BlockStatistics merge(BlockStatistics a, BlockStatistics b) {
    long n = a.rows + b.rows;
    if (n > 0) {
      for (int c = 0; c < a.mean.length; c++) {
        double delta = b.mean[c] - a.mean[c];
        a.mean[c] += delta * b.rows / n;
        a.m2[c] += b.m2[c] + delta * delta * ((double) a.rows * b.rows / n);
        a.maxAbs[c] = Math.max(a.maxAbs[c], b.maxAbs[c]);
      }
    }
    a.rows = n;
    a.storedValues += b.storedValues;
    a.sparseBlocksRows += b.sparseBlocksRows;
    if (b.classCounts.length > a.classCounts.length) {
      a.classCounts = Arrays.copyOf(a.classCounts, b.classCounts.length);
    }
    for (int k = 0; k < b.classCounts.length; k++) {
      a.classCounts[k] += b.classCounts[k];
    }
    return a;
  }

  /** The per-feature observed-value counts (every row: missing values are refused). */
  long[] counts() {
    long[] counts = new long[mean.length];
    Arrays.fill(counts, rows);
    return counts;
  }
}
