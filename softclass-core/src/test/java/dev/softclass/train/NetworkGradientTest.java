package dev.softclass.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.body.Activation;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.head.Head;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Backpropagation against central finite differences, for every parameter of every layer, with each
 * activation, both heads, and with and without dropout (a fixed mask).
 */
class NetworkGradientTest {
  private static final int ROWS = 6;
  private static final int INPUTS = 4;

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (Activation a : Activation.values()) {
      for (Head h :
          new Head[] {new SoftmaxHead(3), new SigmoidHead(), new IndependentSigmoidHead(3)}) {
        for (double dropout : new double[] {0, 0.3}) {
          for (boolean sparse : new boolean[] {false, true}) {
            b.add(Arguments.of(a, h, dropout, sparse));
          }
        }
      }
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} dropout {2} sparse {3}")
  @MethodSource("cases")
  void backpropMatchesFiniteDifferences(
      Activation activation, Head head, double dropout, boolean sparse) {
    SplittableRandom random = new SplittableRandom(11);
    float[] x = new float[ROWS * INPUTS];
    for (int i = 0; i < x.length; i++) {
      // Sparse rows: about a third of the values are zero and are left out of the CSR form.
      x[i] = sparse && i % 3 == 1 ? 0f : (float) (2 * random.nextDouble() - 1);
    }
    int[] labels = new int[ROWS];
    for (int r = 0; r < ROWS; r++) {
      labels[r] = r % head.numClasses();
    }
    int[] rows = {0, 1, 2, 3, 4, 5};
    // Multi-label rows: label sets of zero to two labels, as CSR of label indices.
    int[] setOffsets = {0, 1, 3, 3, 4, 6, 7};
    int[] setLabels = {0, 1, 2, 1, 0, 2, 2};
    RowLoss loss =
        head instanceof IndependentSigmoidHead multi
            ? (r, z, g) ->
                multi.lossAndGradient(z, setLabels, setOffsets[r], setOffsets[r + 1], null, g)
            : RowLoss.of(head, labels);
    Network net =
        Network.initial(INPUTS, new int[] {5, 4}, activation, head, WeightInit.AUTO, random);
    // Biases away from zero, so that they are tested too.
    for (int t = 1; t < net.params.length; t += 2) {
      for (int i = 0; i < net.params[t].length; i++) {
        net.params[t][i] = (float) (0.3 * random.nextDouble() - 0.1);
      }
    }
    FeatureMatrix data = new DenseMatrix(x, ROWS, INPUTS);
    if (sparse) {
      data = csr(x);
      net.useSparseLayout();
    }
    Network.Workspace ws = net.new Workspace(ROWS);
    ws.gather(data, rows, 0, ROWS);
    ws.clearGradients();
    ws.forwardBackward(ROWS, loss, rows, 0, ROWS, dropout, masks(dropout));
    float[][] analytic = new float[net.params.length][];
    for (int t = 0; t < analytic.length; t++) {
      analytic[t] = ws.grads[t].clone();
    }

    double eps = 1e-3;
    int checked = 0;
    for (int t = 0; t < net.params.length; t++) {
      for (int i = 0; i < net.params[t].length; i++) {
        float saved = net.params[t][i];
        net.params[t][i] = (float) (saved + eps);
        double up = meanLoss(ws, loss, rows, dropout);
        net.params[t][i] = (float) (saved - eps);
        double down = meanLoss(ws, loss, rows, dropout);
        net.params[t][i] = saved;
        double numeric = (up - down) / (2 * eps);
        assertThat((double) analytic[t][i])
            .as("tensor %d, index %d", t, i)
            .isCloseTo(
                numeric, org.assertj.core.api.Assertions.within(2e-3 + 0.02 * Math.abs(numeric)));
        checked++;
      }
    }
    int firstLayer = sparse ? INPUTS * Network.SPARSE_PAD : 5 * 4;
    assertThat(checked)
        .isEqualTo(firstLayer + 5 + 4 * 5 + 4 + head.numOutputs() * 4 + head.numOutputs());
  }

  private static CsrMatrix csr(float[] x) {
    int[] ptr = new int[ROWS + 1];
    List<Integer> idx = new ArrayList<>();
    List<Float> val = new ArrayList<>();
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < INPUTS; c++) {
        if (x[r * INPUTS + c] != 0f) {
          idx.add(c);
          val.add(x[r * INPUTS + c]);
        }
      }
      ptr[r + 1] = idx.size();
    }
    float[] v = new float[val.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = val.get(i);
    }
    return new CsrMatrix(ptr, idx.stream().mapToInt(Integer::intValue).toArray(), v, INPUTS);
  }

  private static double meanLoss(Network.Workspace ws, RowLoss loss, int[] rows, double dropout) {
    ws.clearGradients();
    return ws.forwardBackward(ROWS, loss, rows, 0, ROWS, dropout, masks(dropout)) / ROWS;
  }

  /** The same dropout masks on every call. */
  private static SplittableRandom masks(double dropout) {
    return dropout > 0 ? new SplittableRandom(7) : null;
  }
}
