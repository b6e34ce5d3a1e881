package dev.softclass.optim;

/**
 * An average of per-example losses (plus a penalty) whose gradient can be estimated on a
 * mini-batch.
 */
public interface StochasticFunction extends DifferentiableFunction {
  /** Number of examples. */
  int size();

  /**
   * The mean loss over examples {@code batch[from..to)} plus the penalty, and its gradient.
   *
   * @return the mini-batch objective
   */
  double batchValueAndGradient(double[] x, int[] batch, int from, int to, double[] gradient);
}
