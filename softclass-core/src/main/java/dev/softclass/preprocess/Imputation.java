package dev.softclass.preprocess;

import java.util.Objects;

/**
 * How missing values are filled: a strategy, and the value for {@link ImputeStrategy#CONSTANT}.
 *
 * @param strategy the strategy
 * @param constant the numeric fill value for {@code CONSTANT} (ignored otherwise)
 * @param category the category that fills a missing categorical cell for {@code CONSTANT} (ignored
 *     otherwise; scikit-learn's default is {@code missing_value})
 */
public record Imputation(ImputeStrategy strategy, double constant, String category) {
  /** scikit-learn's fill value for strings under the constant strategy. */
  public static final String DEFAULT_CATEGORY = "missing_value";

  /** Mean imputation (the default). */
  public static final Imputation MEAN = new Imputation(ImputeStrategy.MEAN, 0, DEFAULT_CATEGORY);

  /** Validates. */
  public Imputation {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(category, "category");
    if (!Double.isFinite(constant)) {
      throw new IllegalArgumentException("the fill value must be finite");
    }
  }

  /** The given strategy with the default constants (0 and {@code missing_value}). */
  public static Imputation of(ImputeStrategy strategy) {
    return new Imputation(strategy, 0, DEFAULT_CATEGORY);
  }
}
