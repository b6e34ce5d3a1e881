package dev.softclass.optim;

import dev.softclass.SoftclassException;
import java.util.Map;

/**
 * Everything an epoch-based optimiser needs to continue a run exactly where it stopped: the epochs
 * done, the steps taken (the learning-rate schedule's position), and named arrays of doubles and of
 * floats (the parameters, and whatever else the optimiser keeps, such as moment estimates). The
 * example order is not stored: it is a function of the seed and the epochs done, replayed on
 * resume.
 *
 * @param epochsDone completed epochs
 * @param steps optimisation steps taken so far
 * @param arrays the optimiser's double-precision state, by name
 * @param floats the optimiser's single-precision state (network weights, moments), by name
 */
public record TrainingState(
    int epochsDone, long steps, Map<String, double[]> arrays, Map<String, float[]> floats) {

  /** Copies the maps (not the arrays, which the caller hands over). */
  public TrainingState {
    arrays = Map.copyOf(arrays);
    floats = Map.copyOf(floats);
  }

  /** A state of double arrays only. */
  public TrainingState(int epochsDone, long steps, Map<String, double[]> arrays) {
    this(epochsDone, steps, arrays, Map.of());
  }

  /**
   * The array {@code name}, which must have {@code length} values.
   *
   * @throws SoftclassException if the state lacks it or it has another length
   */
  public double[] array(String name, int length) {
    double[] a = arrays.get(name);
    requireLength(name, a == null ? -1 : a.length, length);
    return a;
  }

  /**
   * The float array {@code name}, which must have {@code length} values.
   *
   * @throws SoftclassException if the state lacks it or it has another length
   */
  public float[] floatArray(String name, int length) {
    float[] a = floats.get(name);
    requireLength(name, a == null ? -1 : a.length, length);
    return a;
  }

  private static void requireLength(String name, int actual, int expected) {
    if (actual != expected) {
      throw new SoftclassException(
          "the checkpoint does not fit this run: its '"
              + name
              + "' has "
              + (actual < 0 ? "no values" : actual + " values")
              + ", expected "
              + expected);
    }
  }

  /** The single value stored as {@code name}. */
  public double scalar(String name) {
    return array(name, 1)[0];
  }
}
