package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The negatives of a negative-sampling step are drawn as fastText draws them ({@code
 * NegativeSamplingLoss::getNegative}): from {@code count^0.5}, redrawing the true class, so each
 * other class {@code k} comes with probability {@code q(k) / (1 - q(label))}; {@code neg} of them
 * per step, repeats allowed. And one step's update against a hand computation.
 */
class NegativeSamplingHeadTest {
  private static final double[] COUNTS = {90, 40, 10, 160, 1, 25};
  private static final int K = COUNTS.length;
  private static final int DIM = 2;

  @Test
  void negativesFollowTheSquareRootOfTheCountsWithoutTheTrueClass() {
    ClassSampler sampler = new ClassSampler(ClassSampler.Kind.UNIGRAM, COUNTS);
    int neg = 5;
    NegativeSamplingHead head = new NegativeSamplingHead(K, DIM, neg, sampler, false);
    HeadScratch s = head.newScratch(3);
    float[] hidden = {0.5f, -0.25f};
    float[] out = new float[K * DIM];
    float[] grad = new float[DIM];
    int label = 3; // the most frequent class: its draws are the ones redrawn most often
    int steps = 100_000;
    long[] f = new long[K];
    for (int i = 0; i < steps; i++) {
      head.step(hidden, label, out, 0f, grad, s);
      assertThat(s.rows[0]).isEqualTo(label);
      for (int j = 1; j <= neg; j++) {
        f[s.rows[j]]++;
      }
    }
    assertThat(f[label]).isZero();
    double n = (double) steps * neg;
    double rest = 1 - sampler.probability(label);
    for (int k = 0; k < K; k++) {
      if (k == label) {
        continue;
      }
      double p = sampler.probability(k) / rest;
      double se = Math.sqrt(p * (1 - p) / n);
      assertThat(f[k] / n).as("share of class %d among negatives", k).isCloseTo(p, within(5 * se));
    }
  }

  @Test
  void oneStepMovesTheTrueRowUpAndEachNegativeRowDown() {
    ClassSampler sampler = new ClassSampler(ClassSampler.Kind.UNIGRAM, COUNTS);
    NegativeSamplingHead head = new NegativeSamplingHead(K, DIM, 2, sampler, false);
    HeadScratch s = head.newScratch(9);
    float[] hidden = {1f, 2f};
    float[] out = new float[K * DIM]; // fastText starts its output matrix at 0: every score 0
    float[] grad = new float[DIM];
    float lr = 0.1f;
    double loss = head.step(hidden, 0, out, lr, grad, s);
    // score 0 everywhere: sigmoid 0.5, loss 3 log 2, coefficients +0.05 (true) and -0.05 (each
    // negative); rows were 0 before the step, so the hidden gradient is 0
    assertThat(loss).isCloseTo(3 * Math.log(2), within(1e-12));
    assertThat(grad).containsExactly(0f, 0f);
    float[] expected = new float[K * DIM];
    expected[0] = 0.05f;
    expected[1] = 0.1f;
    for (int j = 1; j <= 2; j++) {
      int c = s.rows[j];
      expected[c * DIM] -= 0.05f;
      expected[c * DIM + 1] -= 0.1f;
    }
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).as("output value %d", i).isCloseTo(expected[i], within(1e-7f));
    }
  }
}
