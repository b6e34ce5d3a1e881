package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * On a small convex problem (fixed inputs, only the output layer learns) sampled softmax with the
 * log-Q correction reaches the full softmax's solution: the same probabilities up to SGD noise.
 */
class SampledSoftmaxConvergenceTest {
  private static final int K = 12;
  private static final int DIM = 6;
  private static final int N = 600;

  @Test
  void sampledSoftmaxConvergesToTheFullSoftmaxSolution() {
    Random r = new Random(1);
    float[][] x = new float[N][DIM];
    int[] y = new int[N];
    float[] truth = new float[K * DIM];
    for (int i = 0; i < truth.length; i++) {
      truth[i] = (float) r.nextGaussian();
    }
    double[] counts = new double[K];
    FullSoftmaxHead full = new FullSoftmaxHead(K, DIM);
    for (int n = 0; n < N; n++) {
      for (int j = 0; j < DIM; j++) {
        x[n][j] = (float) r.nextGaussian();
      }
      double[] p = new double[K];
      full.probabilities(x[n], truth, p, null);
      double u = r.nextDouble();
      int c = 0;
      while (c < K - 1 && (u -= p[c]) > 0) {
        c++;
      }
      y[n] = c;
      counts[c]++;
    }
    for (int c = 0; c < K; c++) {
      counts[c] = Math.max(1, counts[c]);
    }
    SampledSoftmaxHead sampled =
        new SampledSoftmaxHead(K, DIM, 6, new ClassSampler(ClassSampler.Kind.UNIGRAM, counts));

    float[] wFull = train(full, x, y);
    float[] wSampled = train(sampled, x, y);

    double gap = 0;
    double[] pf = new double[K];
    double[] ps = new double[K];
    for (int n = 0; n < N; n++) {
      full.probabilities(x[n], wFull, pf, null);
      sampled.probabilities(x[n], wSampled, ps, null);
      for (int c = 0; c < K; c++) {
        gap += Math.abs(pf[c] - ps[c]);
      }
    }
    // Mean total-variation distance between the two models' distributions.
    assertThat(gap / (2 * N)).isLessThan(0.05);
  }

  private static float[] train(SgdHead head, float[][] x, int[] y) {
    float[] w = new float[head.numRows() * DIM];
    HeadScratch s = head.newScratch(9);
    float[] grad = new float[DIM];
    int epochs = 300;
    for (int e = 0; e < epochs; e++) {
      for (int n = 0; n < N; n++) {
        float lr = (float) (0.2 * (1 - (e * N + n) / (double) (epochs * N)));
        head.step(x[n], y[n], w, lr, grad, s);
      }
    }
    return w;
  }
}
