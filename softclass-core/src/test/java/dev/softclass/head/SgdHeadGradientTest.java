package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each head's SGD step against central finite differences of its loss: with {@code lr = 1} the step
 * moves every output row by {@code -dLoss/dRow} and reports {@code -dLoss/dHidden}. Sampled heads
 * draw the same classes in every evaluation (a scratch with the same seed).
 */
class SgdHeadGradientTest {
  private static final int K = 9;
  private static final int DIM = 6;
  private static final double EPS = 1e-2;

  static List<SgdHead> heads() {
    double[] counts = {50, 3, 20, 7, 1, 12, 30, 2, 9};
    return List.of(
        new FullSoftmaxHead(K, DIM),
        new OneVsAllHead(K, DIM),
        new HierarchicalSoftmaxHead(counts, DIM),
        new SampledSoftmaxHead(K, DIM, 4, new ClassSampler(ClassSampler.Kind.UNIGRAM, counts)),
        new SampledSoftmaxHead(K, DIM, 6, new ClassSampler(ClassSampler.Kind.LOG_UNIFORM, counts)),
        new NegativeSamplingHead(
            K, DIM, 5, new ClassSampler(ClassSampler.Kind.UNIGRAM, counts), false));
  }

  private static float[] random(Random r, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * scale);
    }
    return v;
  }

  private static double loss(SgdHead head, float[] h, int label, float[] out, long seed) {
    return head.step(h, label, out.clone(), 0f, new float[DIM], head.newScratch(seed));
  }

  @ParameterizedTest
  @MethodSource("heads")
  void stepIsMinusTheGradient(SgdHead head) {
    Random r = new Random(3);
    for (int trial = 0; trial < 4; trial++) {
      float[] h = random(r, DIM, 1.0);
      float[] out = random(r, head.numRows() * DIM, 0.7);
      int label = r.nextInt(K);
      long seed = 100 + trial;

      float[] stepped = out.clone();
      float[] gradHidden = new float[DIM];
      double loss = head.step(h, label, stepped, 1f, gradHidden, head.newScratch(seed));
      assertThat(loss).isCloseTo(loss(head, h, label, out, seed), within(1e-12));

      for (int j = 0; j < DIM; j++) {
        float[] plus = h.clone();
        float[] minus = h.clone();
        plus[j] += (float) EPS;
        minus[j] -= (float) EPS;
        double fd =
            (loss(head, plus, label, out, seed) - loss(head, minus, label, out, seed))
                / (plus[j] - minus[j]);
        assertThat(-(double) gradHidden[j])
            .as("dL/dh[%d] of %s", j, head.name())
            .isCloseTo(fd, tol(fd));
      }
      for (int i = 0; i < out.length; i++) {
        float[] plus = out.clone();
        float[] minus = out.clone();
        plus[i] += (float) EPS;
        minus[i] -= (float) EPS;
        double fd =
            (loss(head, h, label, plus, seed) - loss(head, h, label, minus, seed))
                / (plus[i] - minus[i]);
        double step = (double) stepped[i] - out[i];
        assertThat(-step).as("dL/dW[%d] of %s", i, head.name()).isCloseTo(fd, tol(fd));
      }
    }
  }

  private static double loss(OneVsAllHead head, float[] h, int[] labels, float[] out) {
    return head.step(h, labels, 0, labels.length, out.clone(), 0f, new float[DIM], scratch(head));
  }

  private static HeadScratch scratch(OneVsAllHead head) {
    return head.newScratch(0);
  }

  /**
   * One-vs-all on a multi-label example (fastText's OneVsAllLoss): the loss is {@code -sum_{k in
   * labels} log sigmoid(z_k) - sum_{k not in labels} log sigmoid(-z_k)}, checked by hand and its
   * step against finite differences, with one to all classes positive.
   */
  @org.junit.jupiter.api.Test
  void oneVsAllWithSeveralLabelsStepsMinusTheGradient() {
    OneVsAllHead head = new OneVsAllHead(K, DIM);
    Random r = new Random(5);
    int[][] labelSets = {{4}, {0, 8}, {7, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 0}};
    for (int[] labels : labelSets) {
      float[] h = random(r, DIM, 1.0);
      float[] out = random(r, K * DIM, 0.7);
      double expected = 0;
      for (int k = 0; k < K; k++) {
        double z = 0;
        for (int j = 0; j < DIM; j++) {
          z += (double) h[j] * out[k * DIM + j];
        }
        int c = k;
        boolean positive = java.util.Arrays.stream(labels).anyMatch(x -> x == c);
        expected -= Math.log(1 / (1 + Math.exp(positive ? -z : z)));
      }
      float[] stepped = out.clone();
      float[] gradHidden = new float[DIM];
      double loss = head.step(h, labels, 0, labels.length, stepped, 1f, gradHidden, scratch(head));
      assertThat(loss).isCloseTo(expected, within(1e-5));
      for (int j = 0; j < DIM; j++) {
        float[] plus = h.clone();
        float[] minus = h.clone();
        plus[j] += (float) EPS;
        minus[j] -= (float) EPS;
        double fd =
            (loss(head, plus, labels, out) - loss(head, minus, labels, out)) / (plus[j] - minus[j]);
        assertThat(-(double) gradHidden[j]).as("dL/dh[%d]", j).isCloseTo(fd, tol(fd));
      }
      for (int i = 0; i < out.length; i++) {
        float[] plus = out.clone();
        float[] minus = out.clone();
        plus[i] += (float) EPS;
        minus[i] -= (float) EPS;
        double fd =
            (loss(head, h, labels, plus) - loss(head, h, labels, minus)) / (plus[i] - minus[i]);
        assertThat(-((double) stepped[i] - out[i])).as("dL/dW[%d]", i).isCloseTo(fd, tol(fd));
      }
    }
  }

  /** The single-label step is the multi-label step with one label, bit for bit. */
  @org.junit.jupiter.api.Test
  void oneVsAllSingleLabelStepIsTheOneLabelSet() {
    OneVsAllHead head = new OneVsAllHead(K, DIM);
    Random r = new Random(6);
    float[] h = random(r, DIM, 1.0);
    float[] out = random(r, K * DIM, 0.7);
    float[] a = out.clone();
    float[] b = out.clone();
    float[] ga = new float[DIM];
    float[] gb = new float[DIM];
    double la = head.step(h, 3, a, 0.3f, ga, scratch(head));
    double lb = head.step(h, new int[] {9, 3}, 1, 2, b, 0.3f, gb, scratch(head));
    assertThat(lb).isEqualTo(la);
    assertThat(b).containsExactly(a);
    assertThat(gb).containsExactly(ga);
  }

  @org.junit.jupiter.api.Test
  void oneVsAllRefusesALabelGivenTwice() {
    OneVsAllHead head = new OneVsAllHead(K, DIM);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                head.step(
                    new float[DIM],
                    new int[] {2, 2},
                    0,
                    2,
                    new float[K * DIM],
                    0.1f,
                    new float[DIM],
                    scratch(head)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("class 2 given twice");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }

  private static org.assertj.core.data.Offset<Double> tol(double expected) {
    return within(2e-3 + 2e-3 * Math.abs(expected));
  }
}
