package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HingeHeadTest {
  private static double loss(HingeHead head, double[] z, int label) {
    return head.lossAndGradient(z, label, new double[z.length]);
  }

  @Test
  void shapes() {
    assertThat(HingeHead.untrained(2, true).numOutputs()).isEqualTo(1);
    assertThat(HingeHead.untrained(4, false).numOutputs()).isEqualTo(4);
    assertThat(HingeHead.untrained(4, false).numClasses()).isEqualTo(4);
    assertThat(HingeHead.untrained(3, true).name()).isEqualTo("hinge");
    assertThatThrownBy(() -> new HingeHead(3, true, new double[2], new double[2]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HingeHead(2, true, new double[] {Double.NaN}, new double[] {0}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void knownLosses() {
    HingeHead squared = HingeHead.untrained(2, true);
    HingeHead plain = HingeHead.untrained(2, false);
    // class 1 is y = +1: margin 1 - 0.25 = 0.75
    assertThat(loss(squared, new double[] {0.25}, 1)).isCloseTo(0.5625, within(1e-15));
    assertThat(loss(plain, new double[] {0.25}, 1)).isCloseTo(0.75, within(1e-15));
    // class 0 is y = -1: margin 1 + 0.25
    assertThat(loss(plain, new double[] {0.25}, 0)).isCloseTo(1.25, within(1e-15));
    assertThat(loss(squared, new double[] {3}, 1)).isZero();
    // one-vs-rest: label 1 of 3, f = (0.5, 0.5, -2): margins 1.5, 0.5, 0 (clipped -1)
    HingeHead three = HingeHead.untrained(3, true);
    assertThat(loss(three, new double[] {0.5, 0.5, -2}, 1)).isCloseTo(2.25 + 0.25, within(1e-15));
  }

  @Test
  void squaredHingeGradientMatchesCentralFiniteDifferences() {
    Random random = new Random(7);
    double h = 1e-6;
    for (int classes : new int[] {2, 3, 5}) {
      HingeHead head = HingeHead.untrained(classes, true);
      int k = head.numOutputs();
      for (int trial = 0; trial < 50; trial++) {
        double[] z = new double[k];
        for (int j = 0; j < k; j++) {
          z[j] = 3 * random.nextGaussian();
        }
        int label = random.nextInt(classes);
        double[] g = new double[k];
        head.lossAndGradient(z, label, g);
        for (int j = 0; j < k; j++) {
          double[] up = z.clone();
          double[] down = z.clone();
          up[j] += h;
          down[j] -= h;
          double numeric = (loss(head, up, label) - loss(head, down, label)) / (2 * h);
          assertThat(g[j]).as("classes %d z %s", classes, z[j]).isCloseTo(numeric, within(1e-6));
        }
      }
    }
  }

  @Test
  void plainHingeSubgradientIsMinusYInsideTheMarginAndZeroOutside() {
    HingeHead head = HingeHead.untrained(3, false);
    double[] g = new double[3];
    head.lossAndGradient(new double[] {0.2, 4, -3}, 0, g);
    assertThat(g).containsExactly(-1, 1, 0);
  }

  @Test
  void plattProbabilitiesSumToOne() {
    Random random = new Random(11);
    for (int classes : new int[] {2, 3, 6}) {
      int k = classes == 2 ? 1 : classes;
      for (int trial = 0; trial < 200; trial++) {
        double[] a = new double[k];
        double[] b = new double[k];
        double[] z = new double[k];
        for (int j = 0; j < k; j++) {
          a[j] = 0.1 + 5 * random.nextDouble();
          b[j] = random.nextGaussian();
          z[j] = (trial % 10 == 0 ? 500 : 3) * random.nextGaussian();
        }
        double[] p = new double[classes];
        new HingeHead(classes, true, a, b).probabilities(z, p);
        double sum = 0;
        for (double v : p) {
          assertThat(v).isBetween(0.0, 1.0);
          sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-12));
      }
    }
  }

  @Test
  void binaryProbabilityIsThePlattSigmoidOfTheDecisionValue() {
    HingeHead head = new HingeHead(2, true, new double[] {2}, new double[] {-0.5});
    double[] p = new double[2];
    head.probabilities(new double[] {0.75}, p);
    assertThat(p[1]).isCloseTo(1 / (1 + Math.exp(-1.0)), within(1e-15));
    assertThat(p[0]).isCloseTo(1 / (1 + Math.exp(1.0)), within(1e-15));
  }

  @Test
  void multiClassProbabilitiesArePerClassSigmoidsNormalised() {
    double[] a = {1, 2, 0.5};
    double[] b = {0, -1, 0.25};
    double[] z = {0.3, -0.2, 1.5};
    double[] s = new double[3];
    double sum = 0;
    for (int k = 0; k < 3; k++) {
      s[k] = 1 / (1 + Math.exp(-(a[k] * z[k] + b[k])));
      sum += s[k];
    }
    double[] p = new double[3];
    new HingeHead(3, false, a, b).probabilities(z, p);
    for (int k = 0; k < 3; k++) {
      assertThat(p[k]).isCloseTo(s[k] / sum, within(1e-15));
    }
  }
}
