package dev.softclass.head;

/**
 * Turns a body's output into class probabilities and owns its loss. A head has {@link
 * #numOutputs()} logits, computed by an affine output layer {@code z = W h + b}, and maps them to
 * {@link #numClasses()} probabilities. Immutable and thread-safe.
 */
public sealed interface Head
    permits SigmoidHead, SoftmaxHead, IndependentSigmoidHead, SmoothedSoftmaxHead, HingeHead {
  /** The head's name as written in model files and on the command line. */
  String name();

  /** Number of logits (rows of the output weight matrix). */
  int numOutputs();

  /** Number of classes it gives probabilities for. */
  int numClasses();

  /**
   * Writes the probability of each class into {@code probs[0..numClasses)}.
   *
   * @param logits {@code numOutputs()} logits (read only)
   */
  void probabilities(double[] logits, double[] probs);

  /**
   * The loss of one example and its gradient with respect to the logits.
   *
   * @param logits {@code numOutputs()} logits (read only)
   * @param label the true class, in {@code [0, numClasses)}
   * @param gradient receives {@code dLoss/dLogit}, {@code numOutputs()} values
   * @return the loss (negative log-likelihood, natural log), finite for any finite logits
   */
  double lossAndGradient(double[] logits, int label, double[] gradient);
}
