package dev.softclass.calibrate;

import dev.softclass.head.Head;

/**
 * Turns a model's logits into calibrated probabilities. A calibrator is fitted on held-out data
 * (see {@link Calibration}), saved in the model file, and applied by {@code Model.predictProba}, so
 * every prediction path uses it. Implementations are immutable and thread-safe.
 */
public sealed interface Calibrator
    permits TemperatureScaling, PlattScaling, IsotonicCalibration, PerLabelPlattScaling {
  /** The method's name as written in model files and on the command line. */
  CalibrationMethod method();

  /**
   * Writes the calibrated probability of each class into {@code probs}.
   *
   * @param head the model's head, which maps logits to probabilities
   * @param logits the head's {@code numOutputs()} logits (read only)
   * @param probs receives {@code head.numClasses()} probabilities, summing to 1 except for a
   *     multi-label head's
   */
  void probabilities(Head head, double[] logits, double[] probs);
}
