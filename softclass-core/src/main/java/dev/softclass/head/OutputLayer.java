package dev.softclass.head;

import dev.softclass.kernel.VectorOps;
import java.util.Arrays;

/**
 * The weights of a head's affine map {@code z = W h + b}: {@code W} is {@code outputs x inputs},
 * row-major, float32 as stored in model files. Immutable (arrays are copied in and never handed
 * out) and thread-safe.
 */
public final class OutputLayer {
  private final int outputs;
  private final int inputs;
  private final float[] weights;
  private final float[] bias;

  /**
   * @param outputs number of logits
   * @param inputs width of the body's output
   * @param weights {@code outputs * inputs} values, row {@code k} holding output {@code k}'s
   *     weights
   * @param bias {@code outputs} values
   */
  public OutputLayer(int outputs, int inputs, float[] weights, float[] bias) {
    if ((long) outputs * inputs != weights.length || bias.length != outputs) {
      throw new IllegalArgumentException(
          "output layer "
              + outputs
              + " x "
              + inputs
              + " needs "
              + (long) outputs * inputs
              + " weights and "
              + outputs
              + " biases, got "
              + weights.length
              + " and "
              + bias.length);
    }
    this.outputs = outputs;
    this.inputs = inputs;
    this.weights = weights.clone();
    this.bias = bias.clone();
  }

  /** Number of logits. */
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

  /** Weight of output {@code k} for input {@code j}. */
  public float weight(int k, int j) {
    return weights[k * inputs + j];
  }

  /** Bias of output {@code k}. */
  public float bias(int k) {
    return bias[k];
  }

  /** Logits for a dense input row {@code h[off .. off+inputs)}, written into {@code logits}. */
  public void logits(float[] h, int off, double[] logits) {
    VectorOps.dots(h, off, weights, outputs, inputs, logits, 0);
    for (int k = 0; k < outputs; k++) {
      logits[k] = bias[k] + logits[k];
    }
  }

  /** Logits for a sparse input row (indices in {@code [0, inputs)}). */
  public void logits(int[] idx, float[] val, int from, int to, double[] logits) {
    for (int k = 0; k < outputs; k++) {
      logits[k] = bias[k] + VectorOps.sparseDot(idx, val, from, to, weights, k * inputs, inputs);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutputLayer other
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
