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
}
