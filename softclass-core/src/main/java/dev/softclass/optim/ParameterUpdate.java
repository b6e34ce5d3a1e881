package dev.softclass.optim;

import java.util.Map;

/**
 * A first-order update rule with its own state (velocities, moments) for a fixed list of parameter
 * tensors: each {@link #step} moves every tensor against its gradient. Deterministic; not
 * thread-safe (one per training run).
 */
public sealed interface ParameterUpdate permits MomentumSgd, Adam {
  /**
   * One step.
   *
   * @param params the tensors, updated in place
   * @param grads their gradients, same shapes (read only)
   * @param learningRate this step's learning rate
   */
  void step(float[][] params, float[][] grads, double learningRate);

  /**
   * Copies this rule's state (moments, velocities, step count) into a checkpoint's arrays, under
   * names starting with {@code opt.}.
   */
  void saveState(Map<String, float[]> floats, Map<String, double[]> arrays);

  /**
   * Continues from the state {@link #saveState} stored.
   *
   * @throws dev.softclass.SoftclassException if {@code state} does not fit these tensors
   */
  void restoreState(TrainingState state);
}
