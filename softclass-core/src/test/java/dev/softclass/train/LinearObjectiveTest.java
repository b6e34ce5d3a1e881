package dev.softclass.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.head.Head;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import dev.softclass.kernel.VectorOps;
import dev.softclass.optim.DifferentiableFunction;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The training objective's gradient against central finite differences, dense and sparse. */
class LinearObjectiveTest {
  /** The fast kernels, as a large training run gets them. */
  static final VectorOps.Kernels KERNELS = VectorOps.forWork(Double.POSITIVE_INFINITY);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(new SigmoidHead(), false),
        Arguments.of(new SigmoidHead(), true),
        Arguments.of(new SoftmaxHead(2), false),
        Arguments.of(new SoftmaxHead(4), false),
        Arguments.of(new SoftmaxHead(4), true));
  }

  @ParameterizedTest(name = "{0} sparse={1}")
  @MethodSource("cases")
  void gradientMatchesFiniteDifferences(Head head, boolean sparse) {
    Random random = new Random(7);
    int n = 40;
    int d = 6;
    FeatureMatrix x = sparse ? randomSparse(random, n, d) : randomDense(random, n, d);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(head.numClasses());
    }
    LinearObjective f = new LinearObjective(x, y, head, 0.3, null, KERNELS);
    double[] params = new double[f.dimension()];
    for (int i = 0; i < params.length; i++) {
      params[i] = random.nextGaussian();
    }
    assertGradientMatchesFiniteDifferences(f, params);
  }

  /**
   * Checks every component of {@code f}'s gradient at {@code params} against a central difference
   * with step 1e-5, to within 1e-7.
   */
  static void assertGradientMatchesFiniteDifferences(DifferentiableFunction f, double[] params) {
    double[] gradient = new double[params.length];
    f.valueAndGradient(params, gradient);
    double[] scratch = new double[params.length];
    double h = 1e-5;
    for (int i = 0; i < params.length; i++) {
      double saved = params[i];
      params[i] = saved + h;
      double up = f.valueAndGradient(params, scratch);
      params[i] = saved - h;
      double down = f.valueAndGradient(params, scratch);
      params[i] = saved;
      assertThat(gradient[i]).as("component %d", i).isCloseTo((up - down) / (2 * h), within(1e-7));
    }
  }

  @ParameterizedTest(name = "{0} sparse={1}")
  @MethodSource("cases")
  void miniBatchGradientMatchesFullGradientOnAllRows(Head head, boolean sparse) {
    Random random = new Random(11);
    int n = 25;
    FeatureMatrix x = sparse ? randomSparse(random, n, 5) : randomDense(random, n, 5);
    int[] y = new int[n];
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(head.numClasses());
      all[i] = i;
    }
    LinearObjective f = new LinearObjective(x, y, head, 0.1, null, KERNELS);
    double[] params = new double[f.dimension()];
    for (int i = 0; i < params.length; i++) {
      params[i] = random.nextGaussian();
    }
    double[] full = new double[params.length];
    double[] batch = new double[params.length];
    double fullValue = f.valueAndGradient(params, full);
    double batchValue = f.batchValueAndGradient(params, all, 0, n, batch);
    assertThat(batchValue).isCloseTo(fullValue, within(1e-12));
    for (int i = 0; i < params.length; i++) {
      assertThat(batch[i]).isCloseTo(full[i], within(1e-12));
    }
  }

  @ParameterizedTest(name = "{0} sparse={1}")
  @MethodSource("cases")
  void shardedEvaluationIsIdenticalForAnyThreadCount(Head head, boolean sparse) throws Exception {
    Random random = new Random(3);
    int n = 3 * LinearObjective.SHARD_ROWS + 17;
    FeatureMatrix x = sparse ? randomSparse(random, n, 9) : randomDense(random, n, 9);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = random.nextInt(head.numClasses());
    }
    LinearObjective single = new LinearObjective(x, y, head, 0.01, null, KERNELS);
    double[] params = new double[single.dimension()];
    for (int i = 0; i < params.length; i++) {
      params[i] = random.nextGaussian();
    }
    double[] serial = new double[params.length];
    assertThat(single.shards()).isEqualTo(4);
    double serialValue = single.valueAndGradient(params, serial);
    for (int threads : new int[] {2, 4}) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        double[] parallel = new double[params.length];
        double value =
            new LinearObjective(x, y, head, 0.01, pool, KERNELS).valueAndGradient(params, parallel);
        assertThat(value).isEqualTo(serialValue);
        assertThat(parallel).isEqualTo(serial);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  static DenseMatrix randomDense(Random random, int n, int d) {
    float[] data = new float[n * d];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    return new DenseMatrix(data, n, d);
  }

  static CsrMatrix randomSparse(Random random, int n, int d) {
    int[] ptr = new int[n + 1];
    int[] idx = new int[n * d];
    float[] val = new float[n * d];
    int nnz = 0;
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < d; c++) {
        if (random.nextDouble() < 0.4) {
          idx[nnz] = c;
          val[nnz++] = (float) random.nextGaussian();
        }
      }
      ptr[r + 1] = nnz;
    }
    return new CsrMatrix(
        ptr, java.util.Arrays.copyOf(idx, nnz), java.util.Arrays.copyOf(val, nnz), d);
  }
}
