package dev.softclass.preprocess;

import dev.softclass.SoftclassException;
import java.util.Locale;

/**
 * What replaces a missing numeric value, fitted on the training data as scikit-learn's {@code
 * SimpleImputer} does. Categorical columns take their most frequent category, or with {@link
 * #CONSTANT} the fill value as a category of its own.
 */
public enum ImputeStrategy {
  /** The mean of the observed training values. */
  MEAN,
  /** The median of the observed training values (mean of the middle two for an even count). */
  MEDIAN,
  /** The most frequent observed value (the smallest on a tie). */
  MOST_FREQUENT,
  /** A constant given by the user (0 for numeric columns by default). */
  CONSTANT;

  /** Parses {@code mean|median|most_frequent|constant} (a hyphen may replace the underscore). */
  public static ImputeStrategy parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException(
          "unknown imputation '" + name + "': expected mean, median, most_frequent or constant");
    }
  }

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
