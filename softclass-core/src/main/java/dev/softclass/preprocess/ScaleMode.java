package dev.softclass.preprocess;

import dev.softclass.SoftclassException;
import java.util.Locale;

/** How features are scaled before training; the fitted scaling is saved in the model. */
public enum ScaleMode {
  /** {@link #STANDARD} for dense data, {@link #MAXABS} for sparse data (keeps zeros zero). */
  AUTO,
  /** Subtract the mean, divide by the standard deviation (population, as scikit-learn). */
  STANDARD,
  /** Divide by the largest absolute value; no centring, so sparse data stay sparse. */
  MAXABS,
  /** Subtract the minimum, divide by the range: training values fall in [0, 1]. Dense only. */
  MINMAX,
  /**
   * Subtract the median, divide by the interquartile range (25th to 75th percentile, linear
   * interpolation as numpy): robust to outliers, as scikit-learn's {@code RobustScaler}. Dense
   * only.
   */
  ROBUST,
  /** No scaling (missing values are still filled with the training mean). */
  NONE;

  /**
   * Parses {@code auto|standard|minmax|maxabs|robust|none} ({@code min-max}, {@code max-abs} too).
   */
  public static ScaleMode parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT).replace("-", ""));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException(
          "unknown scaling '"
              + name
              + "': expected auto, standard, minmax, maxabs, robust or none");
    }
  }

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
