package dev.softclass.train;

import dev.softclass.balance.BalanceSettings;
import dev.softclass.balance.ClassWeights;
import dev.softclass.balance.Resampler;
import dev.softclass.data.Dataset;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.guard.ImbalanceCheck;
import java.util.function.Consumer;

/**
 * The training rows after class-imbalance handling: class weights resolved against the training
 * counts (before resampling), the scaled rows resampled, and each remaining row's weight; or a
 * warning when a class is rare and nothing handles it.
 */
final class ImbalanceHandling {
  private ImbalanceHandling() {}

  /**
   * The rows to train on.
   *
   * @param x the scaled training rows
   * @param weights the loss weight of each row, or null for all 1
   */
  record Rows(FeatureMatrix x, int[] y, double[] weights) {}

  static Rows apply(
      FeatureMatrix scaled,
      Dataset train,
      BalanceSettings balance,
      long seed,
      Consumer<String> warnings) {
    int[] counts = train.classCounts();
    double[] classWeights = ClassWeights.parse(balance.classWeight(), train.encoder(), counts);
    if (!balance.handlesImbalance()) {
      String warning = ImbalanceCheck.warning(counts, train.encoder());
      if (!warning.isEmpty()) {
        warnings.accept(warning);
      }
    }
    Resampler.Sample sample =
        Resampler.resample(
            scaled,
            train.labels(),
            train.encoder().size(),
            balance.resample(),
            balance.smoteNeighbors(),
            seed);
    double[] weights = classWeights == null ? null : ClassWeights.perRow(classWeights, sample.y());
    return new Rows(sample.x(), sample.y(), weights);
  }
}
