package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SigmoidHeadTest {
  private final SigmoidHead head = new SigmoidHead();

  private double loss(double z, int label) {
    return head.lossAndGradient(new double[] {z}, label, new double[1]);
  }

  @Test
  void shape() {
    assertThat(head.name()).isEqualTo("sigmoid");
    assertThat(head.numOutputs()).isEqualTo(1);
    assertThat(head.numClasses()).isEqualTo(2);
  }

  @Test
  void gradientMatchesCentralFiniteDifferences() {
    double h = 1e-5;
    for (double z : new double[] {-12, -3.7, -1, -0.2, 0, 0.3, 1, 2.5, 9}) {
      for (int label = 0; label < 2; label++) {
        double[] g = new double[1];
        head.lossAndGradient(new double[] {z}, label, g);
        double numeric = (loss(z + h, label) - loss(z - h, label)) / (2 * h);
        assertThat(g[0]).as("z=%s label=%s", z, label).isCloseTo(numeric, within(1e-8));
      }
    }
  }

  @Test
  void lossIsNegativeLogOfTheTrueClassProbability() {
    for (double z : new double[] {-4, -0.5, 0, 0.5, 4}) {
      double[] p = new double[2];
      head.probabilities(new double[] {z}, p);
      assertThat(loss(z, 0)).isCloseTo(-Math.log(p[0]), within(1e-12));
      assertThat(loss(z, 1)).isCloseTo(-Math.log(p[1]), within(1e-12));
    }
    assertThat(loss(0, 1)).isCloseTo(Math.log(2), within(1e-15));
  }

  @Test
  void knownProbabilities() {
    double[] p = new double[2];
    head.probabilities(new double[] {Math.log(3)}, p);

    assertThat(p[1]).isCloseTo(0.75, within(1e-15));
    assertThat(p[0]).isCloseTo(0.25, within(1e-15));
  }

  @Test
  void hugeLogitsGiveFiniteProbabilitiesSummingToOne() {
    for (double z : new double[] {1e4, -1e4, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE}) {
      double[] p = new double[2];
      head.probabilities(new double[] {z}, p);
      assertThat(Arrays.stream(p)).as("z=%s", z).allMatch(Double::isFinite);
      assertThat(p[0] + p[1]).as("z=%s", z).isCloseTo(1.0, within(1e-15));
      assertThat(p[z > 0 ? 1 : 0]).isEqualTo(1.0);

      for (int label = 0; label < 2; label++) {
        double[] g = new double[1];
        double loss = head.lossAndGradient(new double[] {z}, label, g);
        assertThat(loss).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(g[0]).isFinite().isBetween(-1.0, 1.0);
      }
    }
    assertThat(loss(1e4, 0)).isCloseTo(1e4, within(1e-9));
    assertThat(loss(-1e300, 1)).isEqualTo(1e300);
  }

  @Test
  void tinyProbabilityKeepsItsPrecision() {
    double[] p = new double[2];
    head.probabilities(new double[] {-50}, p);

    assertThat(p[1]).isCloseTo(Math.exp(-50), within(1e-35));
    assertThat(p[1]).isPositive();
  }
}
