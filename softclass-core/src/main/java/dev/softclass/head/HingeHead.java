package dev.softclass.head;

import java.util.Arrays;

/**
 * A linear support vector machine: one decision value per class, one-vs-rest for more than two
 * classes (a single decision value {@code f}, positive for class 1, for two classes), trained with
 * the hinge loss {@code max(0, 1 - y f)} or the squared hinge loss {@code max(0, 1 - y f)^2}
 * ({@code y = +1} for the row's class, {@code -1} for the others), as liblinear's {@code -s 3} and
 * {@code -s 2}. Probabilities come from Platt scaling: class {@code k} scores {@code sigmoid(a_k
 * f_k + b_k)}; for two classes {@code P(1) = sigmoid(a f + b)} and {@code P(0) = sigmoid(-(a f +
 * b))}; for more, the per-class scores are normalised to sum 1 (as scikit-learn's {@code
 * CalibratedClassifierCV} does for one-vs-rest models). The trainer fits {@code a, b} on
 * cross-fitted decision values; before that they are {@code a = 1, b = 0}. Immutable.
 */
public final class HingeHead implements Head {
  /** The head's name in model files and on the command line. */
  public static final String NAME = "hinge";

  private final int numClasses;
  private final boolean squared;
  private final double[] plattA;
  private final double[] plattB;

  /**
   * A head with given Platt parameters.
   *
   * @param numClasses at least 2
   * @param squared whether the loss is the squared hinge
   * @param plattA one slope per output (1 for two classes, else one per class), finite
   * @param plattB one offset per output, finite
   * @throws IllegalArgumentException for fewer than 2 classes or parameters of the wrong length or
   *     not finite
   */
  public HingeHead(int numClasses, boolean squared, double[] plattA, double[] plattB) {
    if (numClasses < 2) {
      throw new IllegalArgumentException(
          "a hinge head needs at least 2 classes, got " + numClasses);
    }
    int outputs = numClasses == 2 ? 1 : numClasses;
    if (plattA.length != outputs || plattB.length != outputs) {
      throw new IllegalArgumentException(
          "a hinge head with "
              + outputs
              + " outputs needs "
              + outputs
              + " Platt slopes and offsets, got "
              + plattA.length
              + " and "
              + plattB.length);
    }
    for (int k = 0; k < outputs; k++) {
      if (!Double.isFinite(plattA[k]) || !Double.isFinite(plattB[k])) {
        throw new IllegalArgumentException(
            "Platt parameters must be finite, got " + plattA[k] + ", " + plattB[k]);
      }
    }
    this.numClasses = numClasses;
    this.squared = squared;
    this.plattA = plattA.clone();
    this.plattB = plattB.clone();
  }

  /** An untrained head: Platt parameters {@code a = 1, b = 0}. */
  public static HingeHead untrained(int numClasses, boolean squared) {
    int outputs = numClasses == 2 ? 1 : numClasses;
    double[] a = new double[outputs];
    Arrays.fill(a, 1);
    return new HingeHead(numClasses, squared, a, new double[outputs]);
  }

  /** This head with other Platt parameters. */
  public HingeHead withPlatt(double[] a, double[] b) {
    return new HingeHead(numClasses, squared, a, b);
  }

  /** Whether the loss is the squared hinge (else the plain hinge). */
  public boolean squared() {
    return squared;
  }

  /** The loss's name: {@code squared_hinge} or {@code hinge}. */
  public String lossName() {
    return squared ? "squared_hinge" : "hinge";
  }

  /** A copy of the Platt slopes, one per output. */
  public double[] plattA() {
    return plattA.clone();
  }

  /** A copy of the Platt offsets, one per output. */
  public double[] plattB() {
    return plattB.clone();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int numOutputs() {
    return plattA.length;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public void probabilities(double[] logits, double[] probs) {
    if (numClasses == 2) {
      double u = plattA[0] * logits[0] + plattB[0];
      probs[1] = SigmoidHead.sigmoid(u);
      probs[0] = SigmoidHead.sigmoid(-u);
      return;
    }
    // sigmoid(u_k) / sum_j sigmoid(u_j) as a softmax of the log-sigmoids -softplus(-u_k), so
    // that scores which all underflow still give their exact ratios
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < numClasses; k++) {
      probs[k] = -SigmoidHead.softplus(-(plattA[k] * logits[k] + plattB[k]));
      max = Math.max(max, probs[k]);
    }
    double sum = 0;
    for (int k = 0; k < numClasses; k++) {
      probs[k] = Math.exp(probs[k] - max);
      sum += probs[k];
    }
    for (int k = 0; k < numClasses; k++) {
      probs[k] /= sum;
    }
  }

  /**
   * The (squared) hinge loss summed over the outputs, and its (sub)gradient; at the hinge's kink
   * {@code y f = 1} the plain hinge takes the subgradient 0.
   */
  @Override
  public double lossAndGradient(double[] logits, int label, double[] gradient) {
    if (label < 0 || label >= numClasses) {
      throw new IllegalArgumentException("label " + label + " outside [0, " + numClasses + ")");
    }
    int outputs = numOutputs();
    double loss = 0;
    for (int k = 0; k < outputs; k++) {
      double y = (numClasses == 2 ? label == 1 : label == k) ? 1 : -1;
      double margin = 1 - y * logits[k];
      if (margin > 0) {
        loss += squared ? margin * margin : margin;
        gradient[k] = squared ? -2 * y * margin : -y;
      } else {
        gradient[k] = 0;
      }
    }
    return loss;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HingeHead other
        && numClasses == other.numClasses
        && squared == other.squared
        && Arrays.equals(plattA, other.plattA)
        && Arrays.equals(plattB, other.plattB);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * numClasses + Boolean.hashCode(squared)) + Arrays.hashCode(plattA);
  }

  @Override
  public String toString() {
    return "HingeHead[classes="
        + numClasses
        + ", loss="
        + lossName()
        + ", a="
        + Arrays.toString(plattA)
        + ", b="
        + Arrays.toString(plattB)
        + "]";
  }
}
