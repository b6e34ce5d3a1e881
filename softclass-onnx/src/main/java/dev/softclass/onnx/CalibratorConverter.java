package dev.softclass.onnx;

import dev.softclass.calibrate.Calibrator;

/**
 * Converts one kind of {@link Calibrator}.
 *
 * @param <C> the calibrator class it converts
 */
@FunctionalInterface
public interface CalibratorConverter<C extends Calibrator> {
  /**
   * Adds the nodes from logits to calibrated probabilities.
   *
   * @param head the model's head, already bound to its converter
   * @param logits a float64 tensor {@code [N, numOutputs]}
   * @return a float64 tensor {@code [N, numClasses]}
   */
  String probabilities(OnnxGraph graph, C calibrator, BoundHead head, String logits);

  /** A model's head together with its converter, for calibrators that build on the head. */
  interface BoundHead {
    /** Number of classes. */
    int numClasses();

    /** See {@link HeadConverter#probabilities}. */
    String probabilities(OnnxGraph graph, String logits);

    /** See {@link HeadConverter#logOdds}. */
    String logOdds(OnnxGraph graph, String logits);
  }
}
