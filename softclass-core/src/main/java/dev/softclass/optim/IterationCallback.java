package dev.softclass.optim;

/** Told of each optimiser iteration (or epoch), for progress display. */
@FunctionalInterface
public interface IterationCallback {
  /** A callback that ignores everything. */
  IterationCallback NONE = (iteration, total, value) -> {};

  /**
   * @param iteration 1-based iteration or epoch just finished
   * @param total the maximum number of iterations or epochs
   * @param value the objective value after it
   */
  void onIteration(int iteration, int total, double value);
}
