package dev.softclass.balance;

import dev.softclass.SoftclassException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How training handles class imbalance.
 *
 * @param classWeight {@code none}, {@code balanced}, or explicit weights such as {@code
 *     "spam=3,ham=1"} (see {@link ClassWeights#parse})
 * @param resample how the training rows are resampled
 * @param smoteNeighbors k of SMOTE's k nearest neighbours
 */
public record BalanceSettings(String classWeight, ResampleMethod resample, int smoteNeighbors) {
  /** scikit-learn's and imbalanced-learn's default k. */
  public static final int DEFAULT_SMOTE_NEIGHBORS = 5;

  /** Validates. */
  public BalanceSettings {
    Objects.requireNonNull(classWeight, "classWeight");
    Objects.requireNonNull(resample, "resample");
    if (smoteNeighbors < 1) {
      throw new SoftclassException("--smote-k must be at least 1, got " + smoteNeighbors);
    }
  }

  /** Nothing: every row weighs 1, no resampling. */
  public static BalanceSettings none() {
    return new BalanceSettings(ClassWeights.NONE, ResampleMethod.NONE, DEFAULT_SMOTE_NEIGHBORS);
  }

  /** Whether something handles imbalance. */
  public boolean handlesImbalance() {
    return !classWeight.equals(ClassWeights.NONE) || resample != ResampleMethod.NONE;
  }

  /** The settings by their command-line names, for the model file's training section. */
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("class_weight", classWeight);
    p.put("resample", resample.id());
    if (resample == ResampleMethod.SMOTE) {
      p.put("smote_k", smoteNeighbors);
    }
    return p;
  }

  /**
   * The settings recorded by {@link #params()} (a model file's {@code training} section); missing
   * ones keep their defaults.
   *
   * @throws SoftclassException if a value has the wrong type or is out of range
   */
  public static BalanceSettings fromParams(Map<String, Object> params) {
    try {
      return new BalanceSettings(
          String.valueOf(params.getOrDefault("class_weight", ClassWeights.NONE)),
          ResampleMethod.parse(String.valueOf(params.getOrDefault("resample", "none"))),
          ((Number) params.getOrDefault("smote_k", DEFAULT_SMOTE_NEIGHBORS)).intValue());
    } catch (ClassCastException e) {
      throw new SoftclassException("the recorded imbalance settings are malformed: " + params);
    }
  }
}
