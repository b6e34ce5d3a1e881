package dev.softclass.body;

import dev.softclass.kernel.VectorOps;
import java.util.Arrays;

/**
 * One affine layer {@code z = W x + b} of a network: {@code W} is {@code outputs x inputs},
 * row-major (one row per unit, as in the head's output layer), float32 as stored in model files.
 * Immutable (arrays are copied in and out) and thread-safe.
 */
public final class DenseLayer {
  private final int outputs;
  private final int inputs;
  private final float[] weights;
  private final float[] bias;

  /**
   * @param weights {@code outputs * inputs} values, row {@code k} holding unit {@code k}'s weights
   * @param bias {@code outputs} values
   */
  public DenseLayer(int outputs, int inputs, float[] weights, float[] bias) {
    if (outputs < 1 || inputs < 1 || (long) outputs * inputs != weights.length) {
      throw new IllegalArgumentException(
          "dense layer " + outputs + " x " + inputs + " got " + weights.length + " weights");
    }
    if (bias.length != outputs) {
      throw new IllegalArgumentException(
          "dense layer with " + outputs + " units got " + bias.length + " biases");
    }
    this.outputs = outputs;
    this.inputs = inputs;
    this.weights = weights.clone();
    this.bias = bias.clone();
  }

  /** Number of units. */
  public int outputs() {
    return outputs;
  }

  /** Input width. */
  public int inputs() {
    return inputs;
  }

  /** A copy of the weights, row-major {@code outputs x inputs}. */
  public float[] weights() {
    return weights.clone();
  }

  /** A copy of the biases. */
  public float[] bias() {
    return bias.clone();
  }

  /**
   * Pre-activations of {@code rows} input rows ({@code x} is {@code rows x inputs}) into {@code z},
   * for prediction. A pre-activation that overflows the float range (inputs near {@code
   * Float.MAX_VALUE}, where the float sum meets {@code +Inf - Inf = NaN}) is summed again in double
   * and clamped to the largest float, so that no NaN or infinity reaches the next layer.
   */
  public void forward(float[] x, int rows, float[] z) {
    affine(x, rows, inputs, weights, bias, outputs, z);
    for (int i = 0; i < rows * outputs; i++) {
      if (!Float.isFinite(z[i])) {
        int o = i % outputs;
        z[i] = clampedDot(x, (i / outputs) * inputs, weights, o * inputs, inputs, bias[o]);
      }
    }
  }

  /**
   * {@code z = x W^T + b} for a batch: {@code x} is {@code rows x inputs}, {@code w} is {@code
   * outputs x inputs}, {@code z} receives {@code rows x outputs}. Training and prediction both use
   * this, so they compute the same numbers; training reports a non-finite loss as divergence.
   */
  public static void affine(
      float[] x, int rows, int inputs, float[] w, float[] b, int outputs, float[] z) {
    for (int r = 0; r < rows; r++) {
      System.arraycopy(b, 0, z, r * outputs, outputs);
    }
    VectorOps.gemmTransposedB(x, rows, inputs, w, outputs, z);
  }

  /** {@code bias + x[xOff..] . w[wOff..]} summed in double, clamped to the float range. */
  private static float clampedDot(float[] x, int xOff, float[] w, int wOff, int n, float bias) {
    double sum = bias;
    for (int j = 0; j < n; j++) {
      sum += (double) x[xOff + j] * w[wOff + j];
    }
    if (Double.isNaN(sum)) {
      return 0f; // only from infinite inputs or weights of both signs: no direction to keep
    }
    return (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, sum));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenseLayer other
        && outputs == other.outputs
        && inputs == other.inputs
        && Arrays.equals(weights, other.weights)
        && Arrays.equals(bias, other.bias);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(weights) + Arrays.hashCode(bias);
  }
}
