package dev.softclass.optim;

import java.util.Map;

/**
 * Adam (Kingma and Ba) with bias-corrected moments, and AdamW (Loshchilov and Hutter) when given a
 * decoupled weight decay: {@code p -= lr * (m_hat / (sqrt(v_hat) + eps) + decay * p)} for the
 * tensors marked for decay (weights, not biases).
 */
public final class Adam implements ParameterUpdate {
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double decoupledDecay;
  private final boolean[] decays;
  private final float[][] m;
  private final float[][] v;
  private long t;

  /**
   * @param sizes the length of every parameter tensor
   * @param beta1 decay of the first moment, in {@code [0, 1)}
   * @param beta2 decay of the second moment, in {@code [0, 1)}
   * @param epsilon added to the root of the second moment, {@code > 0}
   * @param decoupledDecay AdamW's weight decay (0 for plain Adam)
   * @param decays which tensors the decoupled decay applies to
   */
  public Adam(
      int[] sizes,
      double beta1,
      double beta2,
      double epsilon,
      double decoupledDecay,
      boolean[] decays) {
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException(
          "Adam needs betas in [0, 1) and epsilon > 0, got "
              + beta1
              + ", "
              + beta2
              + ", "
              + epsilon);
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.decoupledDecay = decoupledDecay;
    this.decays = decays.clone();
    m = new float[sizes.length][];
    v = new float[sizes.length][];
    for (int i = 0; i < sizes.length; i++) {
      m[i] = new float[sizes[i]];
      v[i] = new float[sizes[i]];
    }
  }

  @Override
  public void step(float[][] params, float[][] grads, double learningRate) {
    t++;
    // Bias corrections folded into the step size, as in the paper's efficient form.
    double stepSize = learningRate * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float a = (float) stepSize;
    float eps = (float) (epsilon * Math.sqrt(1 - Math.pow(beta2, t)));
    for (int k = 0; k < params.length; k++) {
      float[] p = params[k];
      float[] g = grads[k];
      float[] mk = m[k];
      float[] vk = v[k];
      float shrink = decays[k] ? (float) (1 - learningRate * decoupledDecay) : 1f;
      for (int i = 0; i < p.length; i++) {
        float gi = g[i];
        float mi = b1 * mk[i] + (1 - b1) * gi;
        float vi = b2 * vk[i] + (1 - b2) * gi * gi;
        mk[i] = mi;
        vk[i] = vi;
        p[i] = p[i] * shrink - a * mi / ((float) Math.sqrt(vi) + eps);
      }
    }
  }

  @Override
  public void saveState(Map<String, float[]> floats, Map<String, double[]> arrays) {
    for (int k = 0; k < m.length; k++) {
      floats.put("opt.m." + k, m[k].clone());
      floats.put("opt.v." + k, v[k].clone());
    }
    arrays.put("opt.t", new double[] {t});
  }

  @Override
  public void restoreState(TrainingState state) {
    for (int k = 0; k < m.length; k++) {
      System.arraycopy(state.floatArray("opt.m." + k, m[k].length), 0, m[k], 0, m[k].length);
      System.arraycopy(state.floatArray("opt.v." + k, v[k].length), 0, v[k], 0, v[k].length);
    }
    t = (long) state.scalar("opt.t");
  }
}
