package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.Dataset;
import dev.softclass.train.LossType;
import dev.softclass.train.TrainingSettings;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SmoothedSoftmaxHeadTest {
  @Test
  void withoutSmoothingOrFocusItIsCrossEntropy() {
    double[] z = {0.3, -1.2, 2.0, 0.1};
    double[] g1 = new double[4];
    double[] g2 = new double[4];
    double a = new SmoothedSoftmaxHead(4, 0, 0).lossAndGradient(z, 2, g1);
    double b = new SoftmaxHead(4).lossAndGradient(z, 2, g2);
    assertThat(a).isCloseTo(b, within(1e-14));
    assertThat(g1).containsExactly(g2, within(1e-14));
  }

  @Test
  void knownValues() {
    // Two classes, logits (0, 0): p = (1/2, 1/2).
    double[] z = {0, 0};
    double[] g = new double[2];
    // Label smoothing 0.2: q = (0.9, 0.1); loss = -(0.9 + 0.1) log 1/2; gradient p - q.
    assertThat(new SmoothedSoftmaxHead(2, 0.2, 0).lossAndGradient(z, 0, g))
        .isCloseTo(Math.log(2), within(1e-15));
    assertThat(g).containsExactly(new double[] {-0.4, 0.4}, within(1e-15));
    // Focal, gamma 2: -(1 - 1/2)^2 log 1/2 = log(2) / 4.
    assertThat(new SmoothedSoftmaxHead(2, 0, 2).lossAndGradient(z, 1, g))
        .isCloseTo(Math.log(2) / 4, within(1e-15));
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Random r = new Random(3);
    for (double[] setting : new double[][] {{0.1, 0}, {0, 2}, {0.1, 2}, {0.05, 0.5}, {0, 5}}) {
      SmoothedSoftmaxHead head = new SmoothedSoftmaxHead(5, setting[0], setting[1]);
      for (int trial = 0; trial < 20; trial++) {
        double[] z = new double[5];
        for (int k = 0; k < 5; k++) {
          z[k] = 3 * r.nextGaussian();
        }
        int label = r.nextInt(5);
        double[] g = new double[5];
        head.lossAndGradient(z, label, g);
        for (int k = 0; k < 5; k++) {
          double h = 1e-6;
          double[] up = z.clone();
          double[] down = z.clone();
          up[k] += h;
          down[k] -= h;
          double numeric =
              (head.lossAndGradient(up, label, new double[5])
                      - head.lossAndGradient(down, label, new double[5]))
                  / (2 * h);
          assertThat(g[k])
              .as("eps %s gamma %s", setting[0], setting[1])
              .isCloseTo(numeric, within(1e-6));
        }
      }
    }
  }

  @Test
  void trainingWithAShapedLossGivesAPlainSoftmaxModel() {
    Random r = new Random(4);
    double[][] x = new double[200][3];
    int[] y = new int[200];
    for (int i = 0; i < 200; i++) {
      y[i] = i % 4 == 0 ? 1 : 0;
      for (int j = 0; j < 3; j++) {
        x[i][j] = r.nextGaussian() + y[i];
      }
    }
    Dataset data = Dataset.of(x, y);
    TrainingSettings focal =
        TrainingSettings.defaults().toBuilder().loss(LossType.FOCAL).gamma(2).threads(1).build();
    Model m = Classifier.of(focal).fit(data);
    assertThat(m.head()).isEqualTo(new SoftmaxHead(2));
    assertThat(m.info().training()).containsEntry("loss", "focal").containsEntry("gamma", 2.0);
    Model smooth =
        Classifier.of(
                TrainingSettings.defaults().toBuilder().labelSmoothing(0.2).threads(1).build())
            .fit(data);
    Model plain =
        Classifier.of(
                TrainingSettings.defaults().toBuilder().head(HeadType.SOFTMAX).threads(1).build())
            .fit(data);
    // Smoothed targets keep the probabilities away from 0 and 1.
    double maxSmooth = 0;
    double maxPlain = 0;
    for (double[] p : smooth.predictProba(data)) {
      maxSmooth = Math.max(maxSmooth, Math.max(p[0], p[1]));
    }
    for (double[] p : plain.predictProba(data)) {
      maxPlain = Math.max(maxPlain, Math.max(p[0], p[1]));
    }
    assertThat(maxSmooth).isLessThan(maxPlain);
  }
}
