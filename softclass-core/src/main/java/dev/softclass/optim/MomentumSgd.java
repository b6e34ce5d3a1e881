package dev.softclass.optim;

import java.util.Map;

/**
 * Stochastic gradient descent with (optionally Nesterov) momentum, in PyTorch's form: {@code v = mu
 * v + g}, then {@code p -= lr v}, or {@code p -= lr (g + mu v)} with Nesterov. With {@code mu = 0}
 * it is plain SGD.
 */
public final class MomentumSgd implements ParameterUpdate {
  private final double momentum;
  private final boolean nesterov;
  private final float[][] velocity;

  /**
   * @param sizes the length of every parameter tensor
   * @param momentum {@code mu} in {@code [0, 1)}
   * @param nesterov whether to look ahead along the velocity
   */
  public MomentumSgd(int[] sizes, double momentum, boolean nesterov) {
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
    }
    this.momentum = momentum;
    this.nesterov = nesterov;
    velocity = new float[sizes.length][];
    for (int t = 0; t < sizes.length; t++) {
      velocity[t] = new float[momentum > 0 ? sizes[t] : 0];
    }
  }

  @Override
  public void step(float[][] params, float[][] grads, double learningRate) {
    float lr = (float) learningRate;
    float mu = (float) momentum;
    for (int t = 0; t < params.length; t++) {
      float[] p = params[t];
      float[] g = grads[t];
      if (momentum == 0) {
        for (int i = 0; i < p.length; i++) {
          p[i] -= lr * g[i];
        }
        continue;
      }
      float[] v = velocity[t];
      for (int i = 0; i < p.length; i++) {
        float vi = mu * v[i] + g[i];
        v[i] = vi;
        p[i] -= lr * (nesterov ? g[i] + mu * vi : vi);
      }
    }
  }

  @Override
  public void saveState(Map<String, float[]> floats, Map<String, double[]> arrays) {
    for (int t = 0; t < velocity.length; t++) {
      floats.put("opt.velocity." + t, velocity[t].clone());
    }
  }

  @Override
  public void restoreState(TrainingState state) {
    for (int t = 0; t < velocity.length; t++) {
      float[] saved = state.floatArray("opt.velocity." + t, velocity[t].length);
      System.arraycopy(saved, 0, velocity[t], 0, saved.length);
    }
  }
}
