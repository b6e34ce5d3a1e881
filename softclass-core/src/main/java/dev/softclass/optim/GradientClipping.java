package dev.softclass.optim;

import dev.softclass.kernel.VectorOps;

/** Clipping of the global gradient norm, over all parameter tensors at once. */
public final class GradientClipping {
  private GradientClipping() {}

  /** The Euclidean norm of all tensors together. */
  public static double norm(float[][] grads) {
    double sum = 0;
    for (float[] g : grads) {
      sum += VectorOps.dot(g, 0, g, 0, g.length);
    }
    return Math.sqrt(sum);
  }

  /**
   * Scales every gradient by {@code maxNorm / norm} when their global norm exceeds {@code maxNorm}
   * (the direction is kept).
   *
   * @return the norm before clipping
   */
  public static double clip(float[][] grads, double maxNorm) {
    double norm = norm(grads);
    if (norm > maxNorm) {
      float factor = (float) (maxNorm / norm);
      for (float[] g : grads) {
        for (int i = 0; i < g.length; i++) {
          g[i] *= factor;
        }
      }
    }
    return norm;
  }
}
