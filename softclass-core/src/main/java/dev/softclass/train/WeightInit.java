package dev.softclass.train;

import dev.softclass.SoftclassException;
import dev.softclass.body.Activation;
import java.util.Locale;
import java.util.SplittableRandom;

/** How a network's weights are drawn before training (biases start at zero). */
public enum WeightInit {
  /** He for ReLU and GELU layers, Xavier for tanh layers and the output layer. */
  AUTO,
  /** He (Kaiming) normal: {@code N(0, 2 / fanIn)}, for ReLU-like activations. */
  HE,
  /** Xavier (Glorot) uniform: {@code U(-a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}. */
  XAVIER;

  /** Parses {@code auto|he|xavier}. */
  public static WeightInit parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException(
          "unknown initialisation '" + name + "': expected auto, he or xavier");
    }
  }

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Fills {@code w} ({@code fanOut x fanIn}) for a layer followed by {@code activation} (null for
   * the output layer).
   */
  void fill(float[] w, int fanIn, int fanOut, Activation activation, SplittableRandom random) {
    boolean he =
        this == HE || (this == AUTO && activation != null && activation != Activation.TANH);
    if (he) {
      double sd = Math.sqrt(2.0 / fanIn);
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (gaussian(random) * sd);
      }
    } else {
      double a = Math.sqrt(6.0 / (fanIn + fanOut));
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) ((2 * random.nextDouble() - 1) * a);
      }
    }
  }

  /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
  private static double gaussian(SplittableRandom random) {
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
