package dev.softclass.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.head.Head;
import dev.softclass.head.OutputLayer;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import dev.softclass.optim.IterationCallback;
import dev.softclass.optim.MiniBatchSgd;
import dev.softclass.optim.OptimizationResult;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Per-row loss weights (class weights) in the dense objective and in sparse SGD. */
class WeightedObjectiveTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(new SigmoidHead(), false),
        Arguments.of(new SigmoidHead(), true),
        Arguments.of(new SoftmaxHead(4), false),
        Arguments.of(new SoftmaxHead(4), true));
  }

  private static double[] weights(Random random, int n) {
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = 0.1 + 3 * random.nextDouble();
    }
    return w;
  }

  @ParameterizedTest(name = "{0} sparse={1}")
  @MethodSource("cases")
  void weightedGradientMatchesFiniteDifferences(Head head, boolean sparse) {
    Random random = new Random(3);
    int n = 30;
    FeatureMatrix x =
        sparse
            ? LinearObjectiveTest.randomSparse(random, n, 5)
            : LinearObjectiveTest.randomDense(random, n, 5);
    int[] y = random.ints(n, 0, head.numClasses()).toArray();
    LinearObjective f =
        new LinearObjective(x, y, weights(random, n), head, 0.2, null, LinearObjectiveTest.KERNELS);
    double[] params = random.doubles(f.dimension()).map(v -> v - 0.5).toArray();
    LinearObjectiveTest.assertGradientMatchesFiniteDifferences(f, params);
  }

  @Test
  void weightsScaleTheLossOfTheirRow() {
    Random random = new Random(5);
    int n = 12;
    FeatureMatrix x = LinearObjectiveTest.randomDense(random, n, 4);
    int[] y = random.ints(n, 0, 3).toArray();
    Head head = new SoftmaxHead(3);
    double[] params =
        random
            .doubles(
                new LinearObjective(x, y, head, 0, null, LinearObjectiveTest.KERNELS).dimension())
            .toArray();
    double[] g = new double[params.length];
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    double plain =
        new LinearObjective(x, y, head, 0, null, LinearObjectiveTest.KERNELS)
            .valueAndGradient(params, g);
    double withOnes =
        new LinearObjective(x, y, ones, head, 0, null, LinearObjectiveTest.KERNELS)
            .valueAndGradient(params, g);
    assertThat(withOnes).isEqualTo(plain);

    // weight 3 on row 0, 0 on row 1: the mean over n rows of 3 l_0 + 0 l_1 + l_2 + ...
    double[] w = ones.clone();
    w[0] = 3;
    w[1] = 0;
    double weighted =
        new LinearObjective(x, y, w, head, 0, null, LinearObjectiveTest.KERNELS)
            .valueAndGradient(params, g);
    double l0 = rowLoss(x, y, head, params, 0);
    double l1 = rowLoss(x, y, head, params, 1);
    assertThat(weighted).isCloseTo(plain + (2 * l0 - l1) / n, within(1e-12));
  }

  /** The loss of row {@code r} alone. */
  private static double rowLoss(FeatureMatrix x, int[] y, Head head, double[] params, int r) {
    LinearObjective one =
        new LinearObjective(
            x.select(new int[] {r}), new int[] {y[r]}, head, 0, null, LinearObjectiveTest.KERNELS);
    return one.valueAndGradient(params, new double[params.length]);
  }

  @Test
  void sparseSgdWithWeightsTakesTheSameStepsAsTheGenericSgd() {
    Random random = new Random(9);
    int n = 200;
    Head head = new SoftmaxHead(3);
    CsrMatrix x = LinearObjectiveTest.randomSparse(random, n, 20);
    int[] y = random.ints(n, 0, 3).toArray();
    double[] w = weights(random, n);
    LinearObjective objective =
        new LinearObjective(x, y, w, head, 0.01, null, LinearObjectiveTest.KERNELS);
    OptimizationResult generic =
        new MiniBatchSgd(3, 4, 0.1, 5)
            .minimize(objective, new double[objective.dimension()], IterationCallback.NONE);
    OutputLayer expected = objective.outputLayer(generic.x());

    OutputLayer actual =
        new SparseSgd(x, y, w, head, 0.01, 0, LinearObjectiveTest.KERNELS)
            .fit(new MiniBatchSgd(3, 4, 0.1, 5), IterationCallback.NONE)
            .layer();

    for (int k = 0; k < expected.outputs(); k++) {
      assertThat(actual.bias(k)).isCloseTo(expected.bias(k), within(1e-5f));
      for (int j = 0; j < expected.inputs(); j++) {
        assertThat(actual.weight(k, j)).isCloseTo(expected.weight(k, j), within(1e-5f));
      }
    }
  }
}
