package dev.softclass.cli;

import dev.softclass.preprocess.Imputation;
import dev.softclass.preprocess.ImputeStrategy;
import dev.softclass.preprocess.PreprocessSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code train} options of the preprocessing pipeline's column steps. */
final class PipelineOptions {
  @Option(
      names = "--categorical",
      paramLabel = "COL[,COL...]",
      split = ",",
      description =
          "Columns to one-hot encode even though they hold numbers (columns holding strings"
              + " always are). Categories not seen in training give all zeros.")
  List<String> categorical = new ArrayList<>();

  @Option(
      names = "--impute",
      paramLabel = "mean|median|most_frequent|constant",
      defaultValue = "mean",
      description =
          "What fills a missing numeric value, from the training data (default: ${DEFAULT-VALUE});"
              + " a missing category takes the most frequent one (constant: --fill-category).")
  String impute;

  @Option(
      names = "--fill-value",
      paramLabel = "X",
      defaultValue = "0",
      description = "The numeric fill value of --impute constant (default: ${DEFAULT-VALUE}).")
  double fillValue;

  @Option(
      names = "--fill-category",
      paramLabel = "TEXT",
      defaultValue = Imputation.DEFAULT_CATEGORY,
      description =
          "The category of a missing categorical cell with --impute constant, one-hot encoded as"
              + " a category of its own (default: ${DEFAULT-VALUE}).")
  String fillCategory;

  @Option(
      names = "--missing-indicator",
      description =
          "Add a 0/1 column \"was missing\" for each column with missing training values.")
  boolean missingIndicator;

  @Option(
      names = "--drop-constant",
      description = "Drop columns that hold a single value in the training data.")
  boolean dropConstant;

  @Option(
      names = "--explain",
      description =
          "Print what the preprocessing pipeline does to each column (imputed with, scaled by,"
              + " one-hot into N columns, dropped as constant).")
  boolean explain;

  PreprocessSettings settings() {
    return new PreprocessSettings(
        categorical.stream().map(String::strip).filter(c -> !c.isEmpty()).toList(),
        new Imputation(ImputeStrategy.parse(impute), fillValue, fillCategory),
        missingIndicator,
        dropConstant);
  }
}
