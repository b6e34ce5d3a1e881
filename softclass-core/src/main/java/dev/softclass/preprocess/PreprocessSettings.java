package dev.softclass.preprocess;

import dev.softclass.SoftclassException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The column steps of the preprocessing pipeline (scaling is {@link
 * dev.softclass.train.TrainingSettings#scale()}). The defaults do the sensible thing: string
 * columns are one-hot encoded, missing numbers take the training mean and missing categories the
 * most frequent one, nothing is dropped.
 *
 * @param categorical columns to one-hot encode even though they hold numbers (columns holding
 *     strings always are)
 * @param imputation what fills missing values
 * @param missingIndicator whether each column with missing training values gets a 0/1 "was missing"
 *     column
 * @param dropConstant whether columns with a single training value are dropped
 */
public record PreprocessSettings(
    List<String> categorical,
    Imputation imputation,
    boolean missingIndicator,
    boolean dropConstant) {

  /** Validates. */
  public PreprocessSettings {
    categorical = List.copyOf(categorical);
    Objects.requireNonNull(imputation, "imputation");
    for (String c : categorical) {
      if (c.isBlank()) {
        throw new SoftclassException("--categorical names an empty column");
      }
    }
  }

  /** The defaults (see the class comment). */
  public static PreprocessSettings defaults() {
    return new PreprocessSettings(List.of(), Imputation.MEAN, false, false);
  }

  /** The settings by their command-line names, for the model file's training section. */
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("categorical", categorical);
    p.put("impute", imputation.strategy().id());
    if (imputation.strategy() == ImputeStrategy.CONSTANT) {
      p.put("fill_value", imputation.constant());
      p.put("fill_category", imputation.category());
    }
    p.put("missing_indicator", missingIndicator);
    p.put("drop_constant", dropConstant);
    return p;
  }

  /**
   * The settings recorded by {@link #params()} (a model file's {@code training} section); missing
   * ones keep their defaults, so models trained before the pipeline existed give the defaults.
   *
   * @throws SoftclassException if a value has the wrong type or is out of range
   */
  public static PreprocessSettings fromParams(Map<String, Object> params) {
    try {
      ImputeStrategy strategy =
          ImputeStrategy.parse(String.valueOf(params.getOrDefault("impute", "mean")));
      Object categorical = params.getOrDefault("categorical", List.of());
      return new PreprocessSettings(
          ((List<?>) categorical).stream().map(String::valueOf).toList(),
          new Imputation(
              strategy,
              ((Number) params.getOrDefault("fill_value", 0)).doubleValue(),
              String.valueOf(params.getOrDefault("fill_category", Imputation.DEFAULT_CATEGORY))),
          Boolean.TRUE.equals(params.get("missing_indicator")),
          Boolean.TRUE.equals(params.get("drop_constant")));
    } catch (ClassCastException e) {
      throw new SoftclassException("the recorded preprocessing settings are malformed: " + params);
    }
  }
}
