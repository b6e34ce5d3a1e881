package dev.softclass.cli;

import dev.softclass.balance.BalanceSettings;
import dev.softclass.balance.ResampleMethod;
import picocli.CommandLine.Option;

/** The {@code train} options for class imbalance. */
final class BalanceOptions {
  @Option(
      names = "--class-weight",
      paramLabel = "balanced|CLASS=W,...",
      defaultValue = "none",
      description =
          "Weights of the classes in the loss: balanced (n / (k * count), as scikit-learn), or"
              + " explicit such as \"spam=3,ham=1\" (classes not named weigh 1) (default:"
              + " ${DEFAULT-VALUE}).")
  String classWeight;

  @Option(
      names = "--resample",
      paramLabel = "over|under|smote|none",
      defaultValue = "none",
      description =
          "Resample the scaled training rows: random over-sampling, random under-sampling, or"
              + " SMOTE (dense data), seeded by --seed (default: ${DEFAULT-VALUE}).")
  String resample;

  @Option(
      names = "--smote-k",
      paramLabel = "K",
      defaultValue = "5",
      description = "SMOTE's number of nearest neighbours (default: ${DEFAULT-VALUE}).")
  int smoteK;

  BalanceSettings settings() {
    return new BalanceSettings(classWeight, ResampleMethod.parse(resample), smoteK);
  }
}
