package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sampled-softmax loss against a hand computation (draws of the label removed, each drawn logit
 * lowered by the log of its inclusion probability, the label's logit left alone), its normaliser as
 * an estimate of the full softmax's, and the full softmax when every other class is a candidate.
 */
class SampledSoftmaxHeadTest {
  private static final int K = 7;
  private static final int DIM = 3;
  private static final double[] COUNTS = {40, 3, 12, 7, 1, 20, 9};

  private static float[] hidden() {
    return new float[] {0.4f, -1.1f, 0.7f};
  }

  private static float[] output() {
    float[] out = new float[K * DIM];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) Math.sin(1.3 * i + 0.2);
    }
    return out;
  }

  private static double score(float[] h, float[] out, int k) {
    double s = 0;
    for (int j = 0; j < DIM; j++) {
      s += (double) h[j] * out[k * DIM + j];
    }
    return s;
  }

  @Test
  void lossMatchesAHandComputedInclusionCorrectedSoftmax() {
    ClassSampler sampler = new ClassSampler(ClassSampler.Kind.UNIGRAM, COUNTS);
    SampledSoftmaxHead head = new SampledSoftmaxHead(K, DIM, 3, sampler);
    float[] h = hidden();
    float[] out = output();
    for (int label = 0; label < K; label++) {
      long seed = 17 + label;
      // the same 3 draws the head makes: distinct classes other than the label
      SplittableRandom r = new SplittableRandom(seed);
      java.util.Set<Integer> drawn = new java.util.LinkedHashSet<>();
      for (int i = 0; i < 3; i++) {
        int c = sampler.sample(r);
        if (c != label) {
          drawn.add(c);
        }
      }
      double sum = Math.exp(score(h, out, label));
      for (int c : drawn) {
        double inclusion = 1 - Math.pow(1 - sampler.probability(c), 3);
        sum += Math.exp(score(h, out, c)) / inclusion;
      }
      double expected = Math.log(sum) - score(h, out, label);
      double loss = head.step(h, label, out.clone(), 0f, new float[DIM], head.newScratch(seed));
      assertThat(loss).as("label %d", label).isCloseTo(expected, within(1e-9));
    }
  }

  /**
   * The candidates' normaliser {@code exp(loss + z_label)} is an unbiased estimate of the full
   * softmax's: the label's term plus the drawn terms weighted by {@code 1 / (1 - (1 - Q)^m)}.
   * (Correcting the label's logit as well, as TensorFlow does, would inflate the label's term by
   * {@code 1 / (m Q(label))}.)
   */
  @Test
  void candidateNormaliserEstimatesTheFullNormaliser() {
    ClassSampler sampler = new ClassSampler(ClassSampler.Kind.UNIGRAM, COUNTS);
    SampledSoftmaxHead head = new SampledSoftmaxHead(K, DIM, 2, sampler);
    float[] h = new float[] {1.2f, -0.8f, 0.9f};
    float[] out = output();
    double z = 0;
    for (int k = 0; k < K; k++) {
      z += Math.exp(score(h, out, k));
    }
    int draws = 40_000;
    for (int label : new int[] {0, 4}) {
      HeadScratch s = head.newScratch(3);
      double sum = 0;
      for (int i = 0; i < draws; i++) {
        double loss = head.step(h, label, out, 0f, new float[DIM], s);
        sum += Math.exp(loss + score(h, out, label));
      }
      assertThat(sum / draws).as("label %d", label).isCloseTo(z, within(0.02 * z));
    }
  }

  @Test
  void withEveryOtherClassAsCandidateTheStepIsTheFullSoftmaxStep() {
    SampledSoftmaxHead sampled =
        new SampledSoftmaxHead(
            K, DIM, K + 3, new ClassSampler(ClassSampler.Kind.LOG_UNIFORM, COUNTS));
    FullSoftmaxHead full = new FullSoftmaxHead(K, DIM);
    float[] h = hidden();
    for (int label = 0; label < K; label++) {
      float[] outSampled = output();
      float[] outFull = output();
      float[] gradSampled = new float[DIM];
      float[] gradFull = new float[DIM];
      double lossSampled =
          sampled.step(h, label, outSampled, 0.3f, gradSampled, sampled.newScratch(1));
      double lossFull = full.step(h, label, outFull, 0.3f, gradFull, full.newScratch(1));
      assertThat(lossSampled).isCloseTo(lossFull, within(1e-12));
      for (int i = 0; i < outFull.length; i++) {
        assertThat(outSampled[i]).isCloseTo(outFull[i], within(1e-6f));
      }
      for (int j = 0; j < DIM; j++) {
        assertThat(gradSampled[j]).isCloseTo(gradFull[j], within(1e-6f));
      }
    }
  }
}
