package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.guard.GuardRailException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SoftmaxHeadTest {
  private static double loss(SoftmaxHead head, double[] z, int label) {
    return head.lossAndGradient(z, label, new double[z.length]);
  }

  @Test
  void gradientMatchesCentralFiniteDifferences() {
    Random random = new Random(11);
    double h = 1e-5;
    for (int k = 2; k <= 5; k++) {
      SoftmaxHead head = new SoftmaxHead(k);
      for (int trial = 0; trial < 5; trial++) {
        double[] z = new double[k];
        for (int i = 0; i < k; i++) {
          z[i] = random.nextGaussian() * 3;
        }
        for (int label = 0; label < k; label++) {
          double[] g = new double[k];
          head.lossAndGradient(z, label, g);
          for (int i = 0; i < k; i++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (loss(head, plus, label) - loss(head, minus, label)) / (2 * h);
            assertThat(g[i])
                .as("k=%s z=%s label=%s i=%s", k, Arrays.toString(z), label, i)
                .isCloseTo(numeric, within(1e-8));
          }
        }
      }
    }
  }

  @Test
  void gradientIsProbabilitiesMinusOneHotAndLogitsAreUntouched() {
    SoftmaxHead head = new SoftmaxHead(3);
    double[] z = {1, 2, 3};
    double[] p = new double[3];
    head.probabilities(z, p);

    double[] g = new double[3];
    double loss = head.lossAndGradient(z, 0, g);

    assertThat(z).containsExactly(1, 2, 3);
    assertThat(g[0]).isCloseTo(p[0] - 1, within(1e-15));
    assertThat(g[1]).isCloseTo(p[1], within(1e-15));
    assertThat(g[2]).isCloseTo(p[2], within(1e-15));
    double norm = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertThat(p[2]).isCloseTo(Math.exp(3) / norm, within(1e-15));
    assertThat(loss).isCloseTo(Math.log(norm) - 1, within(1e-14));
  }

  @Test
  void equalLogitsGiveUniformProbabilities() {
    SoftmaxHead head = new SoftmaxHead(4);
    double[] p = new double[4];

    head.probabilities(new double[] {7, 7, 7, 7}, p);

    assertThat(p).containsExactly(0.25, 0.25, 0.25, 0.25);
    assertThat(loss(head, new double[] {7, 7, 7, 7}, 2)).isCloseTo(Math.log(4), within(1e-14));
  }

  @Test
  void hugeLogitsGiveFiniteProbabilitiesSummingToOne() {
    double[][] cases = {
      {1e4, -1e4, 0},
      {-1e4, -1e4, -1e4},
      {1e300, -1e300, 0},
      {1e300, 1e300, -1e300},
      {-1e300, -1e300, 1e4},
    };
    for (double[] z : cases) {
      SoftmaxHead head = new SoftmaxHead(z.length);
      double[] p = new double[z.length];
      head.probabilities(z, p);
      assertThat(Arrays.stream(p)).as(Arrays.toString(z)).allMatch(Double::isFinite);
      assertThat(Arrays.stream(p).sum()).as(Arrays.toString(z)).isCloseTo(1.0, within(1e-15));
      for (int label = 0; label < z.length; label++) {
        double[] g = new double[z.length];
        double loss = head.lossAndGradient(z, label, g);
        assertThat(loss).as(Arrays.toString(z)).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(g)).allMatch(v -> Double.isFinite(v) && v >= -1 && v <= 1);
      }
    }
    double[] p = new double[3];
    new SoftmaxHead(3).probabilities(new double[] {1e300, 1e300, -1e300}, p);
    assertThat(p).containsExactly(0.5, 0.5, 0.0);
    assertThat(loss(new SoftmaxHead(3), new double[] {1e4, -1e4, 0}, 2))
        .isCloseTo(1e4, within(1e-9));
  }

  @Test
  void oneOutputIsAGuardRail() {
    assertThatThrownBy(() -> new SoftmaxHead(1))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("always outputs 1.0")
        .hasMessageContaining("--head sigmoid")
        .hasMessageContaining("--head softmax --outputs 2");
  }

  @Test
  void zeroOrNegativeOutputsAreRefused() {
    assertThatThrownBy(() -> new SoftmaxHead(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SoftmaxHead(-2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void twoOutputSoftmaxMatchesSigmoidOfTheDifference() {
    SoftmaxHead softmax = new SoftmaxHead(2);
    SigmoidHead sigmoid = new SigmoidHead();
    for (double[] z : new double[][] {{0.3, -1.2}, {5, 5}, {-2, 8}}) {
      double[] ps = new double[2];
      double[] pg = new double[2];
      softmax.probabilities(z, ps);
      sigmoid.probabilities(new double[] {z[1] - z[0]}, pg);
      assertThat(ps[0]).isCloseTo(pg[0], within(1e-15));
      assertThat(ps[1]).isCloseTo(pg[1], within(1e-15));
    }
  }
}
