package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.kernel.VectorOps;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A head's training step gives the same loss and updates, to float rounding, on the plain-Java
 * kernels a short run trains with and on the default ones, at a width where the Vector API kernels
 * (when readable) take over from the plain loops.
 */
class TrainingKernelsTest {
  private static final int K = 7;
  private static final int DIM = 100;

  static java.util.List<SgdHead> heads() {
    double[] counts = {40, 3, 20, 7, 1, 12, 30};
    return java.util.List.of(
        new FullSoftmaxHead(K, DIM),
        new OneVsAllHead(K, DIM),
        new HierarchicalSoftmaxHead(counts, DIM),
        new SampledSoftmaxHead(K, DIM, 4, new ClassSampler(ClassSampler.Kind.UNIGRAM, counts)),
        new NegativeSamplingHead(
            K, DIM, 3, new ClassSampler(ClassSampler.Kind.UNIGRAM, counts), false));
  }

  @ParameterizedTest
  @MethodSource("heads")
  void plainKernelsTakeTheSameStep(SgdHead head) {
    Random r = new Random(5);
    float[] h = new float[DIM];
    float[] out = new float[head.numRows() * DIM];
    for (int j = 0; j < DIM; j++) {
      h[j] = (float) r.nextGaussian() * 0.3f;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) r.nextGaussian() * 0.1f;
    }
    float[] outDefault = out.clone();
    float[] outPlain = out.clone();
    float[] gradDefault = new float[DIM];
    float[] gradPlain = new float[DIM];
    HeadScratch plain = head.newScratch(9);
    plain.trainWith(VectorOps.forWork(0));
    double lossDefault = head.step(h, 1, outDefault, 0.5f, gradDefault, head.newScratch(9));
    double lossPlain = head.step(h, 1, outPlain, 0.5f, gradPlain, plain);
    assertThat(lossPlain).isCloseTo(lossDefault, within(1e-5));
    for (int j = 0; j < DIM; j++) {
      assertThat(gradPlain[j]).as("grad %d", j).isCloseTo(gradDefault[j], within(1e-5f));
    }
    boolean moved = false;
    for (int i = 0; i < out.length; i++) {
      assertThat(outPlain[i]).as("out %d", i).isCloseTo(outDefault[i], within(1e-5f));
      moved |= outPlain[i] != out[i];
    }
    assertThat(moved).as("the step updates output rows").isTrue();
  }
}
