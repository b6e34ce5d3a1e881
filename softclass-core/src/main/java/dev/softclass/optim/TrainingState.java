package dev.softclass.optim;

import dev.softclass.SoftclassException;
import java.util.Map;

/**
 * Everything an epoch-based optimiser needs to continue a run exactly where it stopped: the epochs
 * done, the steps taken (the learning-rate schedule's position), and named arrays of doubles (the
 * parameters, and whatever else the optimiser keeps, such as moment estimates). The example order
 * is not stored: it is a function of the seed and the epochs done, replayed on resume.
 *
 * @param epochsDone completed epochs
 * @param steps optimisation steps taken so far
 * @param arrays the optimiser's state, by name
 */
public record TrainingState(int epochsDone, long steps, Map<String, double[]> arrays) {

  /** Copies the map (not the arrays, which the caller hands over). */
  public TrainingState {
    arrays = Map.copyOf(arrays);
  }

  /**
   * The array {@code name}, which must have {@code length} values.
   *
   * @throws SoftclassException if the state lacks it or it has another length
   */
  public double[] array(String name, int length) {
    double[] a = arrays.get(name);
    if (a == null || a.length != length) {
      throw new SoftclassException(
          "the checkpoint does not fit this run: its '"
              + name
              + "' has "
              + (a == null ? "no values" : a.length + " values")
              + ", expected "
              + length);
    }
    return a;
  }

  /** The single value stored as {@code name}. */
  public double scalar(String name) {
    return array(name, 1)[0];
  }
}
