package dev.softclass.preprocess;

import dev.softclass.SoftclassException;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import java.util.Arrays;

/**
 * Fits a {@link FeatureTransform}: the fill value of each feature from its observed training
 * values, then its centre and scale. Scaling statistics leave missing cells out, as scikit-learn's
 * scalers do, so the result equals scikit-learn's scaler followed by its {@code SimpleImputer} on
 * the scaled values.
 */
final class TransformFitter {
  private TransformFitter() {}

  static FeatureTransform fit(
      FeatureMatrix x, ScaleMode requested, Imputation imputation, boolean[] unscaled) {
    boolean sparse = x instanceof CsrMatrix;
    ScaleMode mode =
        requested == ScaleMode.AUTO ? (sparse ? ScaleMode.MAXABS : ScaleMode.STANDARD) : requested;
    if (sparse
        && (mode == ScaleMode.STANDARD || mode == ScaleMode.MINMAX || mode == ScaleMode.ROBUST)) {
      throw new SoftclassException(
          mode.id()
              + " scaling centres every feature, which would turn sparse data dense: use"
              + " --scale auto (max-abs scaling for sparse data) or --scale none");
    }
    return sparse
        ? fitSparse((CsrMatrix) x, mode)
        : fitDense((DenseMatrix) x, mode, imputation, unscaled);
  }

  private static FeatureTransform fitDense(
      DenseMatrix m, ScaleMode mode, Imputation imputation, boolean[] unscaled) {
    int d = m.cols();
    double[] sum = new double[d];
    double[] sumSq = new double[d];
    double[] maxAbs = new double[d];
    long[] count = new long[d];
    float[] data = m.data();
    for (int r = 0; r < m.rows(); r++) {
      int off = m.offset(r);
      for (int c = 0; c < d; c++) {
        float v = data[off + c];
        if (!Float.isNaN(v)) {
          sum[c] += v;
          count[c]++;
          maxAbs[c] = Math.max(maxAbs[c], Math.abs(v));
        }
      }
    }
    double[] mean = new double[d];
    for (int c = 0; c < d; c++) {
      mean[c] = count[c] == 0 ? 0 : sum[c] / count[c];
    }
    for (int r = 0; r < m.rows(); r++) {
      int off = m.offset(r);
      for (int c = 0; c < d; c++) {
        float v = data[off + c];
        if (!Float.isNaN(v)) {
          double dv = v - mean[c];
          sumSq[c] += dv * dv;
        }
      }
    }
    boolean needSorted =
        mode == ScaleMode.MINMAX
            || mode == ScaleMode.ROBUST
            || imputation.strategy() == ImputeStrategy.MEDIAN
            || imputation.strategy() == ImputeStrategy.MOST_FREQUENT;
    float[] center = new float[d];
    float[] scale = new float[d];
    float[] fill = new float[d];
    for (int c = 0; c < d; c++) {
      scale[c] = 1f;
      if (unscaled != null && unscaled[c]) {
        continue; // a 0/1 column made by the encoder: never missing, never scaled
      }
      float[] sorted = needSorted ? observedSorted(m, c, (int) count[c]) : null;
      fill[c] = fillValue(imputation, mean[c], sorted);
      switch (mode) {
        case STANDARD -> {
          center[c] = (float) mean[c];
          double std = count[c] == 0 ? 0 : Math.sqrt(sumSq[c] / count[c]);
          scale[c] = usable(std);
        }
        case MAXABS -> scale[c] = usable(maxAbs[c]);
        case MINMAX -> {
          if (sorted.length > 0) {
            center[c] = sorted[0];
            scale[c] = usable((double) sorted[sorted.length - 1] - sorted[0]);
          }
        }
        case ROBUST -> {
          if (sorted.length > 0) {
            center[c] = (float) percentile(sorted, 50);
            scale[c] = usable(percentile(sorted, 75) - percentile(sorted, 25));
          }
        }
        default -> {}
      }
    }
    return new FeatureTransform(mode, center, scale, fill);
  }

  static FeatureTransform fromStatistics(
      ScaleMode mode, long[] count, double[] mean, double[] m2, double[] maxAbs) {
    if (mode != ScaleMode.STANDARD && mode != ScaleMode.MAXABS && mode != ScaleMode.NONE) {
      throw new SoftclassException(
          mode.id() + " scaling needs sorted values: use standard, maxabs or none");
    }
    int d = count.length;
    float[] center = new float[d];
    float[] scale = new float[d];
    float[] fill = new float[d];
    for (int c = 0; c < d; c++) {
      fill[c] = (float) mean[c];
      scale[c] = 1f;
      if (mode == ScaleMode.STANDARD) {
        center[c] = (float) mean[c];
        scale[c] = usable(count[c] == 0 ? 0 : Math.sqrt(m2[c] / count[c]));
      } else if (mode == ScaleMode.MAXABS) {
        scale[c] = usable(maxAbs[c]);
      }
    }
    return new FeatureTransform(mode, center, scale, fill);
  }

  private static FeatureTransform fitSparse(CsrMatrix s, ScaleMode mode) {
    int d = s.cols();
    double[] maxAbs = new double[d];
    int[] idx = s.indices();
    float[] val = s.values();
    for (int k = 0; k < val.length; k++) {
      maxAbs[idx[k]] = Math.max(maxAbs[idx[k]], Math.abs(val[k]));
    }
    float[] scale = new float[d];
    for (int c = 0; c < d; c++) {
      scale[c] = mode == ScaleMode.MAXABS ? usable(maxAbs[c]) : 1f;
    }
    return new FeatureTransform(mode, new float[d], scale, new float[d]);
  }

  private static float fillValue(Imputation imputation, double mean, float[] sorted) {
    return switch (imputation.strategy()) {
      case MEAN -> (float) mean;
      case MEDIAN -> sorted.length == 0 ? 0f : (float) percentile(sorted, 50);
      case MOST_FREQUENT -> sorted.length == 0 ? 0f : mostFrequent(sorted);
      case CONSTANT -> (float) imputation.constant();
    };
  }

  /** The observed (non-NaN) values of column {@code c}, sorted. */
  static float[] observedSorted(DenseMatrix m, int c, int count) {
    float[] out = new float[count];
    int n = 0;
    for (int r = 0; r < m.rows(); r++) {
      float v = m.get(r, c);
      if (!Float.isNaN(v)) {
        out[n++] = v;
      }
    }
    Arrays.sort(out);
    return out;
  }

  /** numpy's default percentile: linear interpolation between the two closest ranks. */
  static double percentile(float[] sorted, double q) {
    double pos = (sorted.length - 1) * q / 100.0;
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = pos - lo;
    return sorted[lo] + (frac == 0 ? 0 : ((double) sorted[hi] - sorted[lo]) * frac);
  }

  /** The most frequent value of a sorted array, the smallest on a tie (as scikit-learn). */
  static float mostFrequent(float[] sorted) {
    float best = sorted[0];
    int bestRun = 0;
    int run = 0;
    for (int i = 0; i < sorted.length; i++) {
      run = i > 0 && sorted[i] == sorted[i - 1] ? run + 1 : 1;
      if (run > bestRun) {
        bestRun = run;
        best = sorted[i];
      }
    }
    return best;
  }

  private static float usable(double s) {
    float f = (float) s;
    // A constant column (or one so tiny it underflows) is left unscaled, as scikit-learn does.
    return f > 0f && Float.isFinite(f) && s > 1e-30 ? f : 1f;
  }
}
