package dev.softclass.calibrate;

import dev.softclass.head.Head;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;

/**
 * The log-odds {@code log(p_k / (1 - p_k))} of a class, computed from the logits without forming
 * {@code p_k} (which rounds to 1 for confident predictions): {@code z} or {@code -z} for a sigmoid,
 * {@code z_k - logsumexp(z_j, j != k)} for a softmax, {@code z_k} for a label of independent
 * sigmoids.
 */
final class LogOdds {
  private LogOdds() {}

  static double of(Head head, double[] logits, int k) {
    if (head instanceof SigmoidHead) {
      return k == 1 ? logits[0] : -logits[0];
    }
    if (head instanceof IndependentSigmoidHead) {
      return logits[k];
    }
    if (!(head instanceof SoftmaxHead)) {
      throw new IllegalArgumentException("no log-odds for head " + head.name());
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < logits.length; j++) {
      if (j != k) {
        max = Math.max(max, logits[j]);
      }
    }
    double sum = 0;
    for (int j = 0; j < logits.length; j++) {
      if (j != k) {
        sum += Math.exp(logits[j] - max);
      }
    }
    return logits[k] - (max + Math.log(sum));
  }
}
