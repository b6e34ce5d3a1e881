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
    boolean sparse = x instanceof CsrMatrix;
    ScaleMode mode =
        requested == ScaleMode.AUTO ? (sparse ? ScaleMode.MAXABS : ScaleMode.STANDARD) : requested;
    if (sparse && mode == ScaleMode.STANDARD) {
      throw new SoftclassException(
          "standard scaling centres every feature, which would turn sparse data dense: use"
              + " --scale auto (max-abs scaling for sparse data) or --scale none");
    }
    int d = x.cols();
    double[] sum = new double[d];
    double[] sumSq = new double[d];
    double[] maxAbs = new double[d];
    long[] count = new long[d];
    if (x instanceof DenseMatrix m) {
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
      float[] center = new float[d];
      float[] scale = new float[d];
      float[] fill = new float[d];
      for (int c = 0; c < d; c++) {
        fill[c] = (float) mean[c];
        scale[c] = 1f;
        if (mode == ScaleMode.STANDARD) {
          center[c] = (float) mean[c];
          double std = count[c] == 0 ? 0 : Math.sqrt(sumSq[c] / count[c]);
          scale[c] = usable(std);
        } else if (mode == ScaleMode.MAXABS) {
          scale[c] = usable(maxAbs[c]);
        }
      }
      return new FeatureTransform(mode, center, scale, fill);
    }
    CsrMatrix s = (CsrMatrix) x;
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

  private static float usable(double s) {
    float f = (float) s;
    // A constant column (or one so tiny it underflows) is left unscaled, as scikit-learn does.
    return f > 0f && Float.isFinite(f) && s > 1e-30 ? f : 1f;
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
    for (int c = 0; c < scale.length; c++) {
      float v = raw[rawOff + c];
      if (Float.isNaN(v)) {
        v = fill[c];
      }
      out[outOff + c] = finite((v - center[c]) / scale[c]);
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
