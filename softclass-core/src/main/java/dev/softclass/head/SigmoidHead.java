package dev.softclass.head;

/**
 * Binary classification with one logit {@code z}: {@code P(class 1) = sigmoid(z)}, {@code P(class
 * 0) = sigmoid(-z)}; loss is binary cross-entropy. Equivalent to a {@link SoftmaxHead} over two
 * outputs with {@code z = z1 - z0}.
 */
public record SigmoidHead() implements Head {
  @Override
  public String name() {
    return "sigmoid";
  }

  @Override
  public int numOutputs() {
    return 1;
  }

  @Override
  public int numClasses() {
    return 2;
  }

  @Override
  public void probabilities(double[] logits, double[] probs) {
    // Each side computed directly, so a tiny probability keeps its precision (1 - p would not).
    probs[1] = sigmoid(logits[0]);
    probs[0] = sigmoid(-logits[0]);
  }

  @Override
  public double lossAndGradient(double[] logits, int label, double[] gradient) {
    double z = logits[0];
    gradient[0] = label == 1 ? -sigmoid(-z) : sigmoid(z);
    return label == 1 ? softplus(-z) : softplus(z);
  }

  /** The logistic function, stable for any argument. */
  public static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /** {@code log(1 + exp(x))}, stable for any argument. */
  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }
}
