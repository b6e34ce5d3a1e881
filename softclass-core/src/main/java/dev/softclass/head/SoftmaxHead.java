package dev.softclass.head;

import dev.softclass.guard.GuardRailException;
import dev.softclass.kernel.VectorOps;

/**
 * Multi-class classification: one logit per class, {@code P(k) = exp(z_k) / sum_j exp(z_j)}, and
 * categorical cross-entropy loss. Needs at least two outputs.
 *
 * @param numOutputs number of classes (and logits), at least 2
 */
public record SoftmaxHead(int numOutputs) implements Head {
  /**
   * @throws GuardRailException if {@code numOutputs < 2}: a softmax over one output always gives
   *     1.0
   */
  public SoftmaxHead {
    if (numOutputs == 1) {
      throw new GuardRailException(
          "A softmax over one output always outputs 1.0 (exp(z)/exp(z)), so the model would"
              + " predict the same class for every input and never learn. For two classes use a"
              + " sigmoid head with one output (--head sigmoid), or a softmax with two outputs"
              + " (--head softmax --outputs 2).");
    }
    if (numOutputs < 1) {
      throw new IllegalArgumentException("a softmax needs at least 2 outputs, got " + numOutputs);
    }
  }

  @Override
  public String name() {
    return "softmax";
  }

  @Override
  public int numClasses() {
    return numOutputs;
  }

  @Override
  public void probabilities(double[] logits, double[] probs) {
    System.arraycopy(logits, 0, probs, 0, numOutputs);
    VectorOps.softmaxInPlace(probs, 0, numOutputs);
  }

  @Override
  public double lossAndGradient(double[] logits, int label, double[] gradient) {
    System.arraycopy(logits, 0, gradient, 0, numOutputs);
    double logSumExp = VectorOps.softmaxInPlace(gradient, 0, numOutputs);
    gradient[label] -= 1.0;
    return logSumExp - logits[label];
  }
}
