package dev.softclass.report;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.calibrate.Calibration;
import dev.softclass.calibrate.CalibrationMethod;
import dev.softclass.calibrate.Threshold;
import dev.softclass.data.Dataset;
import java.util.Random;

/** Small overlapping Gaussian blobs, so every metric and plot has something to show. */
final class ReportFixtures {
  private ReportFixtures() {}

  /** {@code n} rows of {@code names.length} classes in 2 features, with some overlap. */
  static Dataset blobs(int n, String[] names, long seed) {
    Random random = new Random(seed);
    double[][] x = new double[n][];
    String[] y = new String[n];
    for (int r = 0; r < n; r++) {
      int k = r % names.length;
      double angle = 2 * Math.PI * k / names.length;
      x[r] =
          new double[] {
            2 * Math.cos(angle) + 1.2 * random.nextGaussian(),
            2 * Math.sin(angle) + 1.2 * random.nextGaussian()
          };
      y[r] = names[k];
    }
    return Dataset.of(x, y);
  }

  /** A calibrated 4-class model, one class name needing HTML escaping. */
  static Model multiclass(Dataset train, Dataset valid) {
    Model m = Classifier.logistic().threads(1).fit(train);
    return Calibration.onHeldOut(m, valid, CalibrationMethod.TEMPERATURE);
  }

  /** A binary model with Platt scaling and a threshold. */
  static Model binary(Dataset train, Dataset valid) {
    Model m = Classifier.logistic().threads(1).fit(train);
    return Calibration.onHeldOut(m, valid, CalibrationMethod.PLATT)
        .withThreshold(new Threshold(0.4, "0.4", Double.NaN, Double.NaN));
  }
}
