package dev.softclass.preprocess;

import dev.softclass.SoftclassException;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;

/**
 * Per-feature imputation and scaling fitted on training data: a value {@code v} becomes {@code
 * ((isNaN(v) ? fill : v) - center) / scale}. Parameters are float32, exactly as saved in the model
 * file, so a loaded model transforms bit-identically. Immutable and thread-safe.
 */
public final class FeatureTransform {
  private final ScaleMode mode;
  private final float[] center;
  private final float[] scale;
  private final float[] fill;

  /**
   * @param mode the scaling that was fitted (never {@link ScaleMode#AUTO})
   * @param center subtracted from each feature
   * @param scale each feature is divided by it (non-zero)
   * @param fill replaces a missing (NaN) value
   */
  public FeatureTransform(ScaleMode mode, float[] center, float[] scale, float[] fill) {
    if (center.length != scale.length || fill.length != scale.length) {
      throw new IllegalArgumentException("center, scale and fill must have the same length");
    }
    for (float s : scale) {
      if (!(s != 0f && Float.isFinite(s))) {
        throw new IllegalArgumentException("scale factors must be finite and non-zero");
      }
    }
    this.mode = mode;
    this.center = center.clone();
    this.scale = scale.clone();
    this.fill = fill.clone();
  }

  /**
   * Fits the transform on training features. {@link ScaleMode#AUTO} becomes {@code STANDARD} for
   * dense data and {@code MAXABS} for sparse data. Constant features keep a scale of 1. NaN values
   * (missing) are left out of the statistics.
   *
   * @throws SoftclassException if standard scaling is asked for sparse data (it would densify it)
   */
  public static FeatureTransform fit(FeatureMatrix x, ScaleMode requested) {
    return TransformFitter.fit(x, requested, Imputation.MEAN, null);
  }

  /**
   * Fits the transform with any imputation. The scaling statistics leave missing values out (as
   * scikit-learn's scalers do); then the fill value replaces them. Columns marked in {@code
   * unscaled} (0/1 columns made by one-hot encoding or missing indicators) keep centre 0, scale 1.
   *
   * @param unscaled per feature, whether to leave it as it is; or null for none
   * @throws SoftclassException if a centring scaling is asked for sparse data
   */
  public static FeatureTransform fit(
      FeatureMatrix x, ScaleMode requested, Imputation imputation, boolean[] unscaled) {
    return TransformFitter.fit(x, requested, imputation, unscaled);
  }

  /**
   * The transform {@link #fit} would give with mean imputation, from per-feature statistics
   * gathered elsewhere (for example added up over the partitions of a distributed data set).
   *
   * @param mode {@link ScaleMode#STANDARD}, {@link ScaleMode#MAXABS} or {@link ScaleMode#NONE}
   * @param count observed (non-missing) values per feature
   * @param mean mean of the observed values per feature
   * @param m2 sum of squared deviations from the mean per feature
   * @param maxAbs largest absolute value per feature
   * @throws SoftclassException for another scaling, which needs more than these statistics
   */
  public static FeatureTransform fromStatistics(
      ScaleMode mode, long[] count, double[] mean, double[] m2, double[] maxAbs) {
    return TransformFitter.fromStatistics(mode, count, mean, m2, maxAbs);
  }

  /** The fitted scaling (never {@code AUTO}). */
  public ScaleMode mode() {
    return mode;
  }

  /** Number of features. */
  public int dim() {
    return scale.length;
  }

  /** A copy of the centres. */
  public float[] center() {
    return center.clone();
  }

  /** A copy of the scale factors. */
  public float[] scale() {
    return scale.clone();
  }

  /** A copy of the fill values for missing features. */
  public float[] fill() {
    return fill.clone();
  }

  /** Whether zeros stay zeros (no centring), so sparse rows can be transformed in place. */
  public boolean keepsSparsity() {
    for (float c : center) {
      if (c != 0f) {
        return false;
      }
    }
    return true;
  }

  /** The transformed matrix (a new one of the same kind; dense if centring a sparse one). */
  public FeatureMatrix apply(FeatureMatrix x) {
    if (x.cols() != dim()) {
      throw new IllegalArgumentException(x.cols() + " features, transform has " + dim());
    }
    if (x instanceof CsrMatrix s && keepsSparsity()) {
      int[] idx = s.indices();
      float[] val = s.values();
      float[] out = new float[val.length];
      for (int k = 0; k < val.length; k++) {
        out[k] = finite(val[k] / scale[idx[k]]);
      }
      return new CsrMatrix(s.rowPtr(), idx, out, s.cols());
    }
    int d = dim();
    float[] out = new float[x.rows() * d];
    for (int r = 0; r < x.rows(); r++) {
      float[] row = x.denseRow(r);
      applyDense(row, 0, out, r * d);
    }
    return new DenseMatrix(out, x.rows(), d);
  }

  /** Transforms the dense row {@code raw[rawOff ..]} into {@code out[outOff ..]}. */
  public void applyDense(float[] raw, int rawOff, float[] out, int outOff) {
    int d = scale.length;
    // Three simple loops rather than one: the second and third have no branch, so the JIT turns
    // them into vector instructions (the one loop was most of a served prediction's time); each
    // value goes through the same operations as before, so the results are the same bits.
    for (int c = 0; c < d; c++) {
      float v = raw[rawOff + c];
      out[outOff + c] = Float.isNaN(v) ? fill[c] : v;
    }
    for (int c = 0; c < d; c++) {
      out[outOff + c] = (out[outOff + c] - center[c]) / scale[c];
    }
    for (int c = 0; c < d; c++) {
      out[outOff + c] = finite(out[outOff + c]);
    }
  }

  /**
   * Transforms sparse values in place into {@code out} (only valid if {@link #keepsSparsity()}).
   */
  public void applySparse(int[] idx, float[] val, int from, int to, float[] out) {
    for (int k = from; k < to; k++) {
      out[k - from] = finite(val[k] / scale[idx[k]]);
    }
  }

  /**
   * Keeps a transformed value within the float range: a raw value near {@link Float#MAX_VALUE}
   * scaled by a small spread would become infinite, and infinity minus infinity in a logit is NaN.
   */
  private static float finite(float v) {
    return Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, v));
  }
}
