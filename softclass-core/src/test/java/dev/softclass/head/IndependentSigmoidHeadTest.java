package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class IndependentSigmoidHeadTest {
  private final IndependentSigmoidHead head = new IndependentSigmoidHead(4);

  @Test
  void lossIsTheSumOfBinaryCrossEntropiesByHand() {
    double[] z = {0, Math.log(3), -1, 2};
    double[] g = new double[4];
    // labels {1, 3}: -log(1/2) - log(3/4) - log(1 - sigmoid(-1)) - log(sigmoid(2))
    double expected =
        Math.log(2)
            - Math.log(0.75)
            - Math.log(1 - 1 / (1 + Math.E))
            - Math.log(1 / (1 + Math.exp(-2)));
    assertThat(head.lossAndGradient(z, new int[] {1, 3}, 0, 2, null, g))
        .isCloseTo(expected, within(1e-12));
    assertThat(g[0]).isCloseTo(0.5, within(1e-12));
    assertThat(g[1]).isCloseTo(-0.25, within(1e-12));
  }

  @Test
  void gradientMatchesFiniteDifferencesWithPositiveWeights() {
    double[] z = {0.3, -2.0, 1.7, 4.0};
    double[] w = {1.0, 3.0, 0.5, 2.0};
    int[] labels = {9, 0, 2, 3, 9}; // the set {0, 2, 3} at [1, 4)
    double[] g = new double[4];
    head.lossAndGradient(z, labels, 1, 4, w, g);
    double h = 1e-6;
    double[] scratch = new double[4];
    for (int k = 0; k < 4; k++) {
      double[] up = z.clone();
      double[] down = z.clone();
      up[k] += h;
      down[k] -= h;
      double numeric =
          (head.lossAndGradient(up, labels, 1, 4, w, scratch)
                  - head.lossAndGradient(down, labels, 1, 4, w, scratch))
              / (2 * h);
      assertThat(g[k]).as("output %d", k).isCloseTo(numeric, within(1e-7));
    }
  }

  @Test
  void probabilitiesAreIndependentSigmoidsAndStayFiniteForHugeLogits() {
    double[] p = new double[4];
    head.probabilities(new double[] {0, 800, -800, Math.log(3)}, p);
    assertThat(p).containsExactly(new double[] {0.5, 1.0, 0.0, 0.75}, within(1e-15));
    double[] g = new double[4];
    double loss =
        head.lossAndGradient(new double[] {800, -800, 800, -800}, new int[] {1}, 0, 1, null, g);
    assertThat(loss).isCloseTo(2400, within(1e-9));
  }

  @Test
  void singleLabelLossIsTheSetOfThatLabel() {
    double[] z = {0.1, 0.2, -0.3, 0.4};
    double[] g1 = new double[4];
    double[] g2 = new double[4];
    assertThat(head.lossAndGradient(z, 2, g1))
        .isEqualTo(head.lossAndGradient(z, new int[] {2}, 0, 1, null, g2));
    assertThat(g1).containsExactly(g2);
  }
}
