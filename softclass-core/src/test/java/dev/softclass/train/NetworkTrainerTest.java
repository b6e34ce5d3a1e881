package dev.softclass.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.body.Activation;
import dev.softclass.body.DenseLayer;
import dev.softclass.body.LinearBody;
import dev.softclass.body.MlpBody;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import dev.softclass.head.HeadType;
import dev.softclass.select.StratifiedSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Networks that must learn, save, stop early and give the same model on any thread count. */
class NetworkTrainerTest {
  @TempDir Path dir;

  /** XOR of two inputs, each of the four points repeated. */
  private static Dataset xor() {
    double[][] x = new double[40][];
    int[] y = new int[40];
    for (int i = 0; i < 40; i++) {
      int a = i % 2;
      int b = (i / 2) % 2;
      x[i] = new double[] {a, b};
      y[i] = a ^ b;
    }
    return Dataset.of(x, y);
  }

  /** Three interleaved spiral arms (the CS231n toy set), 100 points each, a little noise. */
  static Dataset spiral(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int perClass = 100;
    double[][] x = new double[3 * perClass][];
    int[] y = new int[3 * perClass];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < perClass; i++) {
        double r = (double) i / perClass;
        double t = c * 4 + 4.0 * i / perClass + 0.2 * (random.nextDouble() - 0.5);
        x[c * perClass + i] = new double[] {r * Math.sin(t), r * Math.cos(t)};
        y[c * perClass + i] = c;
      }
    }
    return Dataset.of(x, y);
  }

  @Test
  void learnsXorWhichNoLinearModelCan() {
    Dataset data = xor();
    Model linear = Classifier.logistic().fit(data);
    assertThat(Evaluation.of(linear, data).accuracy()).isLessThanOrEqualTo(0.75);

    Model net =
        Classifier.mlp(8)
            .activation(Activation.TANH)
            .sgd(300, 8, 0.02)
            .seed(3)
            .threads(1)
            .fit(data);
    assertThat(net.body()).isInstanceOf(MlpBody.class);
    assertThat(net.head().name()).isEqualTo("sigmoid");
    assertThat(Evaluation.of(net, data).accuracy()).isEqualTo(1.0);
    for (int a = 0; a < 2; a++) {
      for (int b = 0; b < 2; b++) {
        assertThat(net.predictProba(new float[] {a, b})[a ^ b]).isGreaterThan(0.9);
      }
    }
  }

  @Test
  void learnsASpiralWithTwoHiddenLayers() {
    Dataset data = spiral(1);
    Model linear = Classifier.logistic().fit(data);
    assertThat(Evaluation.of(linear, data).accuracy()).isLessThan(0.65);

    Model net = Classifier.mlp(64, 32).sgd(200, 32, 0.01).threads(2).fit(data);
    assertThat(Evaluation.of(net, data).accuracy()).isGreaterThan(0.97);
    // Points of a fresh draw of the same spirals.
    assertThat(Evaluation.of(net, spiral(2)).accuracy()).isGreaterThan(0.9);
  }

  @Test
  void everyActivationAndOptimiserLearnsTheSpiral() {
    Dataset data = spiral(1);
    for (Activation a : Activation.values()) {
      for (OptimizerType o : List.of(OptimizerType.SGD, OptimizerType.ADAM, OptimizerType.ADAMW)) {
        double lr = o == OptimizerType.SGD ? 0.1 : 0.01;
        Model net =
            Classifier.mlp(16, 16)
                .activation(a)
                .optimizer(o)
                .momentum(0.9, o == OptimizerType.SGD)
                .sgd(100, 32, lr)
                .threads(1)
                .fit(data);
        assertThat(Evaluation.of(net, data).accuracy()).as("%s %s", a, o).isGreaterThan(0.85);
      }
    }
  }

  @Test
  void savedAndLoadedNetworksPredictTheSame() {
    Dataset data = spiral(1);
    Model net =
        Classifier.mlp(16, 8).activation(Activation.GELU).dropout(0.1).sgd(20, 16, 0.01).fit(data);
    Path file = dir.resolve("net.softclass");
    net.save(file);
    Model back = Model.load(file);
    assertThat(back.body()).isEqualTo(net.body());
    assertThat(back.outputLayer()).isEqualTo(net.outputLayer());
    double[][] p1 = net.predictProba(data);
    double[][] p2 = back.predictProba(data);
    for (int r = 0; r < p1.length; r++) {
      assertThat(p2[r]).containsExactly(p1[r]);
      assertThat(back.predictProba(new float[] {0.1f, -0.2f}))
          .containsExactly(net.predictProba(new float[] {0.1f, -0.2f}));
    }
    assertThat(back.info().training().get("model_type")).isEqualTo("mlp");
    assertThat(back.info().training().get("hidden")).isEqualTo(List.of(16, 8));
  }

  @Test
  void singleRowAndBatchPredictionsAgree() {
    Dataset data = spiral(1);
    Model net = Classifier.mlp(16).sgd(5, 16, 0.01).fit(data);
    double[][] batch = net.predictProba(data);
    for (int r = 0; r < data.size(); r += 37) {
      double[] one = net.predictProba(data.features().denseRow(r));
      assertThat(one).containsExactly(batch[r], within(1e-6));
      assertThat(one[0] + one[1] + one[2]).isCloseTo(1.0, within(1e-12));
    }
  }

  @Test
  void sameSeedGivesBitIdenticalModelsOnOneAndTwoThreads() {
    Dataset data = spiral(1);
    Classifier c = Classifier.mlp(24, 12).dropout(0.2).sgd(4, 50, 0.01).seed(9);
    Model one = c.threads(1).fit(data);
    Model two = c.threads(2).fit(data);
    Model four = c.threads(4).fit(data);
    assertThat(two.body()).isEqualTo(one.body());
    assertThat(two.outputLayer()).isEqualTo(one.outputLayer());
    assertThat(four.body()).isEqualTo(one.body());
    assertThat(four.outputLayer()).isEqualTo(one.outputLayer());
    Model other = c.seed(10).threads(1).fit(data);
    assertThat(other.outputLayer()).isNotEqualTo(one.outputLayer());
  }

  @Test
  void sparseRowsTrainTheSameNetworkAsTheirDenseForm() {
    Dataset dense = spiral(1);
    float[] values = ((dev.softclass.data.DenseMatrix) dense.features()).data();
    int[] ptr = new int[dense.size() + 1];
    int[] idx = new int[values.length];
    for (int r = 0; r < dense.size(); r++) {
      idx[2 * r] = 0;
      idx[2 * r + 1] = 1;
      ptr[r + 1] = 2 * r + 2;
    }
    Dataset sparse =
        dense.withFeatures(new dev.softclass.data.CsrMatrix(ptr, idx, values.clone(), 2));
    Classifier c =
        Classifier.mlp(16).scale(dev.softclass.preprocess.ScaleMode.NONE).sgd(30, 16, 0.01).seed(2);
    Model d = c.threads(1).fit(dense);
    Model s1 = c.threads(1).fit(sparse);
    Model s2 = c.threads(2).fit(sparse);
    assertThat(s2.body()).isEqualTo(s1.body());
    assertThat(s2.outputLayer()).isEqualTo(s1.outputLayer());
    // Same steps; only the rounding of the first layer's sums differs between the two paths.
    double[][] pd = d.predictProba(dense);
    double[][] ps = s1.predictProba(sparse);
    for (int r = 0; r < pd.length; r++) {
      assertThat(ps[r]).containsExactly(pd[r], within(1e-3));
    }
  }

  @Test
  void anMlpLearnsMultiLabelSetsWithIndependentSigmoids() {
    // Label "inner" inside the unit circle, "right" for x > 0: the first is not linear.
    SplittableRandom random = new SplittableRandom(8);
    double[][] x = new double[300][];
    String[][] y = new String[300][];
    for (int i = 0; i < x.length; i++) {
      double a = 3 * random.nextDouble() - 1.5;
      double b = 3 * random.nextDouble() - 1.5;
      x[i] = new double[] {a, b};
      List<String> labels = new ArrayList<>();
      if (a * a + b * b < 1) {
        labels.add("inner");
      }
      if (a > 0) {
        labels.add("right");
      }
      y[i] = labels.toArray(new String[0]);
    }
    Dataset data = Dataset.ofLabelSets(x, y);
    Model net = Classifier.mlp(32).sgd(150, 20, 0.01).earlyStopping(20).threads(2).fit(data);
    assertThat(net.head()).isInstanceOf(dev.softclass.head.IndependentSigmoidHead.class);
    assertThat(net.isMultiLabel()).isTrue();
    assertThat(dev.softclass.eval.MultiLabelEvaluation.of(net, data).microF1()).isGreaterThan(0.95);
    Path file = dir.resolve("multi.softclass");
    net.save(file);
    assertThat(Model.load(file).predictProba(data)[7]).containsExactly(net.predictProba(data)[7]);
  }

  @Test
  void earlyStoppingKeepsTheBestEpoch() {
    // Random labels: the network can only memorise, so the validation loss soon rises.
    SplittableRandom random = new SplittableRandom(5);
    double[][] x = new double[200][];
    int[] y = new int[200];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {random.nextDouble(), random.nextDouble(), random.nextDouble()};
      y[i] = random.nextInt(2);
    }
    Dataset data = Dataset.of(x, y);
    List<Double> validationLosses = new ArrayList<>();
    ProgressListener record =
        new ProgressListener() {
          @Override
          public void epoch(int done, int total, double train, double vLoss, double vAcc) {
            validationLosses.add(vLoss);
          }
        };
    Model net =
        Classifier.mlp(64).sgd(200, 10, 0.01).earlyStopping(3).seed(4).progress(record).fit(data);

    int best = 0;
    for (int e = 1; e < validationLosses.size(); e++) {
      if (validationLosses.get(e) < validationLosses.get(best)) {
        best = e;
      }
    }
    assertThat(validationLosses.size()).isLessThan(200).isEqualTo(best + 1 + 3);
    assertThat(net.info().training().get("best_epoch")).isEqualTo(best + 1);
    assertThat(net.info().training().get("stop_reason").toString()).contains("early stopping");
    // The returned weights are the best epoch's: their validation loss is the smallest seen.
    Dataset validation = StratifiedSplit.of(data, 0.1, 4).test();
    assertThat(Evaluation.of(net, validation).logLoss())
        .isCloseTo(validationLosses.get(best), within(1e-5));
    assertThat(validationLosses.get(validationLosses.size() - 1))
        .isGreaterThan(validationLosses.get(best));
  }

  @Test
  void partialFitContinuesLinearAndMlpModels() {
    Dataset data = spiral(1);
    Classifier mlp = Classifier.mlp(32).sgd(3, 32, 0.01).threads(1);
    Model start = mlp.fit(data);
    Model more = mlp.partialFit(start, data);
    assertThat(more.body()).isInstanceOf(MlpBody.class);
    assertThat(more.transform()).isSameAs(start.transform());
    assertThat(Evaluation.of(more, data).logLoss())
        .isLessThan(Evaluation.of(start, data).logLoss());

    Classifier linear = Classifier.logistic().optimizer(OptimizerType.ADAM).sgd(2, 16, 0.01);
    Model l0 = linear.fit(xor());
    assertThat(l0.body()).isInstanceOf(LinearBody.class);
    Model l1 = linear.partialFit(l0, xor());
    assertThat(l1.body()).isInstanceOf(LinearBody.class);
    assertThat(l1.outputLayer()).isNotEqualTo(l0.outputLayer());
  }

  @Test
  void partialFitTakesBatchesWithSomeClassesAndRefusesUnknownOnes() {
    Dataset data = spiral(1);
    Classifier c = Classifier.mlp(16).sgd(2, 32, 0.01).threads(1);
    Model start = c.fit(data);
    // Rows of classes "1" and "2" only: their indices differ in the batch's own encoder.
    int[] rows = java.util.stream.IntStream.range(100, 300).toArray();
    Dataset later = data.subset(rows);
    double[][] lx = new double[200][];
    String[] ly = new String[200];
    for (int i = 0; i < 200; i++) {
      float[] r = later.features().denseRow(i);
      lx[i] = new double[] {r[0], r[1]};
      ly[i] = data.encoder().name(later.label(i));
    }
    Dataset batch = Dataset.of(lx, ly);
    Model more = c.partialFit(start, batch);
    assertThat(more.classes()).isEqualTo(start.classes());
    int[] predicted = more.predict(batch);
    int right = 0;
    for (int i = 0; i < 200; i++) {
      right += more.classes().get(predicted[i]).equals(ly[i]) ? 1 : 0;
    }
    assertThat(right).isGreaterThan(120);

    Dataset unknown = Dataset.of(new double[][] {{0, 0}, {1, 1}}, new String[] {"1", "cat"});
    assertThatThrownBy(() -> c.partialFit(start, unknown))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("'cat'");
    assertThatThrownBy(() -> Classifier.logistic().partialFit(start, data))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("mini-batch");
  }

  @Test
  void aDivergingRunStopsWithAdvice() {
    Dataset data = spiral(1);
    assertThatThrownBy(
            () ->
                Classifier.mlp(64, 64)
                    .optimizer(OptimizerType.SGD)
                    .momentum(0.99, false)
                    .sgd(50, 8, 1e6)
                    .fit(data))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("diverged")
        .hasMessageContaining("lower the learning rate");
  }

  @Test
  void worksWithASoftmaxOverTwoClassesAndClipping() {
    Model net =
        Classifier.mlp(8)
            .activation(Activation.TANH)
            .head(HeadType.SOFTMAX)
            .clipNorm(1.0)
            .schedule(dev.softclass.optim.LearningRateSchedule.Kind.COSINE, 5)
            .sgd(300, 8, 0.02)
            .seed(3)
            .threads(1)
            .fit(xor());
    assertThat(net.head().name()).isEqualTo("softmax");
    assertThat(Evaluation.of(net, xor()).accuracy()).isEqualTo(1.0);
  }

  @Test
  void denseLayerShapesAreChecked() {
    assertThatThrownBy(
            () ->
                new MlpBody(
                    3, Activation.RELU, List.of(new DenseLayer(2, 4, new float[8], new float[2]))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
