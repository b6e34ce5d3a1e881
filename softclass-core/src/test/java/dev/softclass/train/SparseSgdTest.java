package dev.softclass.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.data.CsrMatrix;
import dev.softclass.head.Head;
import dev.softclass.head.OutputLayer;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import dev.softclass.kernel.VectorOps;
import dev.softclass.optim.IterationCallback;
import dev.softclass.optim.MiniBatchSgd;
import dev.softclass.optim.OptimizationResult;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sparse SGD (lazy L2 scaling, touched rows only) takes the same steps as the generic
 * mini-batch SGD on the full objective: same order, same schedule, same weights up to rounding.
 */
class SparseSgdTest {
  /** The fast kernels, as a large training run gets them. */
  static final VectorOps.Kernels KERNELS = VectorOps.forWork(Double.POSITIVE_INFINITY);

  static Stream<Arguments> heads() {
    return Stream.of(
        Arguments.of(new SigmoidHead(), 1),
        Arguments.of(new SoftmaxHead(3), 4),
        Arguments.of(new SoftmaxHead(11), 7));
  }

  @ParameterizedTest(name = "{0} batch {1}")
  @MethodSource("heads")
  void takesTheSameStepsAsTheGenericSgd(Head head, int batch) {
    Random random = new Random(9);
    int n = 300;
    CsrMatrix x = LinearObjectiveTest.randomSparse(random, n, 25);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(head.numClasses());
    }
    double l2 = 0.01;
    LinearObjective objective = new LinearObjective(x, y, head, l2, null, KERNELS);
    OptimizationResult generic =
        new MiniBatchSgd(3, batch, 0.2, 5)
            .minimize(objective, new double[objective.dimension()], IterationCallback.NONE);
    OutputLayer expected = objective.outputLayer(generic.x());

    SparseSgd.Result sparse =
        new SparseSgd(x, y, head, l2, KERNELS)
            .fit(new MiniBatchSgd(3, batch, 0.2, 5), IterationCallback.NONE);

    OutputLayer actual = sparse.layer();
    for (int k = 0; k < expected.outputs(); k++) {
      assertThat(actual.bias(k)).isCloseTo(expected.bias(k), within(1e-5f));
      for (int j = 0; j < expected.inputs(); j++) {
        assertThat(actual.weight(k, j)).isCloseTo(expected.weight(k, j), within(1e-5f));
      }
    }
    // Both report the last epoch's objective, estimated slightly differently (running batch means
    // there, data loss plus the final penalty here).
    assertThat(sparse.objective()).isCloseTo(generic.value(), within(0.05 * generic.value()));
  }
}
