package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.data.Dataset;
import dev.softclass.head.HeadType;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A sigmoid and a softmax over two outputs are the same model. */
class BinaryHeadEquivalenceTest {
  private final Dataset data = twoBlobs(new Random(5), 300, 4);

  @Test
  void sigmoidConvertedToSoftmaxGivesTheSameProbabilities() {
    Model sigmoid = Classifier.logistic().head(HeadType.SIGMOID).fit(data);
    Model softmax = sigmoid.withHead(HeadType.SOFTMAX);

    assertThat(softmax.head()).isEqualTo(new SoftmaxHead(2));
    for (int r = 0; r < data.size(); r++) {
      float[] row = data.features().denseRow(r);
      double[] a = sigmoid.predictProba(row);
      double[] b = softmax.predictProba(row);
      assertThat(b[0]).isCloseTo(a[0], within(1e-15));
      assertThat(b[1]).isCloseTo(a[1], within(1e-15));
    }
  }

  @Test
  void softmaxConvertedToSigmoidGivesTheSameProbabilities() {
    Model softmax = Classifier.logistic().head(HeadType.SOFTMAX).fit(data);
    Model sigmoid = softmax.withHead(HeadType.SIGMOID);

    assertThat(sigmoid.head()).isEqualTo(new SigmoidHead());
    for (int r = 0; r < data.size(); r++) {
      float[] row = data.features().denseRow(r);
      double[] a = softmax.predictProba(row);
      double[] b = sigmoid.predictProba(row);
      // w1 - w0 is rounded to float32 once: differences stay at that rounding level.
      assertThat(b[1]).isCloseTo(a[1], within(1e-6));
      assertThat(b[0] + b[1]).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void trainingEitherHeadFindsTheSameModel() {
    // The symmetric softmax optimum has w0 = -w1, so w = w1 - w0 = 2 w1 and its penalty
    // l2/2 (|w0|^2 + |w1|^2) equals (l2/2)/2 |w|^2: a softmax with 2*l2 is a sigmoid with l2.
    double l2 = 1e-2;
    Model sigmoid =
        Classifier.logistic().head(HeadType.SIGMOID).l2(l2).convergence(1000, 1e-10).fit(data);
    Model softmax =
        Classifier.logistic().head(HeadType.SOFTMAX).l2(2 * l2).convergence(1000, 1e-10).fit(data);
    for (int r = 0; r < data.size(); r++) {
      float[] row = data.features().denseRow(r);
      assertThat(softmax.predictProba(row)[1])
          .isCloseTo(sigmoid.predictProba(row)[1], within(1e-5));
    }
  }

  static Dataset twoBlobs(Random random, int n, int d) {
    double[][] x = new double[n][d];
    String[] y = new String[n];
    for (int i = 0; i < n; i++) {
      boolean positive = i % 2 == 0;
      y[i] = positive ? "yes" : "no";
      for (int j = 0; j < d; j++) {
        x[i][j] = random.nextGaussian() * (j + 1) + (positive ? 0.8 : -0.8);
      }
    }
    return Dataset.of(x, y);
  }
}
