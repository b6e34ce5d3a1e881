package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.body.DenseLayer;
import dev.softclass.body.MlpBody;
import dev.softclass.data.Dataset;
import dev.softclass.head.HeadType;
import dev.softclass.head.OutputLayer;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import dev.softclass.preprocess.ScaleMode;
import dev.softclass.train.OptimizerType;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Awkward numbers never turn into NaN or infinity in weights, objectives or probabilities: huge
 * features, constant features, duplicated rows, a class with one example, logits beyond the float
 * range; and a run that diverges stops with advice.
 */
class NumericalRobustnessTest {
  private static final float[] EXTREMES = {1e30f, -1e30f, Float.MAX_VALUE, -Float.MAX_VALUE, 0};

  /**
   * The linear trainer's optimisers and every scaling, binary and multi-class. The network
   * optimisers have their own cases ({@link #networks}).
   */
  static Stream<Arguments> trainers() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (OptimizerType o : new OptimizerType[] {OptimizerType.LBFGS, OptimizerType.SGD}) {
      for (ScaleMode s : new ScaleMode[] {ScaleMode.AUTO, ScaleMode.NONE}) {
        for (int k : new int[] {2, 3}) {
          b.add(Arguments.of(o, s, k));
        }
      }
    }
    return b.build();
  }

  /**
   * The network trainer's optimisers (Nesterov momentum, Adam, AdamW) for linear models, and an MLP
   * trained by Adam, each with both scalings, binary and multi-class. Full batches of the 60 or 120
   * rows below, so that a batch always holds every class equally often.
   */
  static Stream<Arguments> networks() {
    Stream.Builder<Arguments> b = Stream.builder();
    for (String net : new String[] {"nesterov", "adam", "adamw", "mlp-adam"}) {
      for (ScaleMode s : new ScaleMode[] {ScaleMode.AUTO, ScaleMode.NONE}) {
        for (int k : new int[] {2, 3}) {
          b.add(Arguments.of(net, s, k));
        }
      }
    }
    return b.build();
  }

  private static Classifier network(String net, ScaleMode s) {
    Classifier c =
        Classifier.logistic()
            .optimizer(
                switch (net) {
                  case "nesterov" -> OptimizerType.SGD;
                  case "adamw" -> OptimizerType.ADAMW;
                  default -> OptimizerType.ADAM;
                })
            .scale(s)
            .sgd(20, 120, 0)
            .seed(1);
    return switch (net) {
      case "nesterov" -> c.momentum(0.9, true);
      case "mlp-adam" -> c.hidden(8);
      default -> c;
    };
  }

  private static Classifier classifier(OptimizerType o, ScaleMode s) {
    return Classifier.logistic().optimizer(o).scale(s).sgd(5, 4, 0).convergence(100, 1e-6).seed(1);
  }

  /** Three features; the first is either at +-1e30 or constant, as {@code kind} says. */
  private static Dataset data(String kind, int k, int n, Random random) {
    double[][] x = new double[n][3];
    String[] y = new String[n];
    for (int i = 0; i < n; i++) {
      int c = i % k;
      y[i] = "c" + c;
      x[i][1] = c + random.nextGaussian();
      x[i][2] = -c + random.nextGaussian();
      x[i][0] =
          switch (kind) {
            case "huge" -> (c == 0 ? 1e30 : -1e30) * (1 + random.nextDouble());
            case "constant" -> 7.5;
            default -> random.nextGaussian();
          };
    }
    return Dataset.of(x, y);
  }

  private static void assertFinite(Model m, Dataset data) {
    if (m.body() instanceof MlpBody mlp) {
      for (DenseLayer layer : mlp.layers()) {
        for (float w : layer.weights()) {
          assertThat(Float.isFinite(w)).as("hidden weight %s", w).isTrue();
        }
        for (float w : layer.bias()) {
          assertThat(Float.isFinite(w)).as("hidden bias %s", w).isTrue();
        }
      }
    }
    OutputLayer out = m.outputLayer();
    for (float w : out.weights()) {
      assertThat(Float.isFinite(w)).as("weight %s", w).isTrue();
    }
    for (float w : out.bias()) {
      assertThat(Float.isFinite(w)).as("bias %s", w).isTrue();
    }
    Map<String, Object> training = m.info().training();
    assertThat(((Number) training.get("objective")).doubleValue()).isFinite();
    for (double[] p : m.predictProba(data)) {
      assertProbabilities(p);
    }
    int d = m.numFeatures();
    for (int i = 0; i < EXTREMES.length; i++) {
      float[] row = new float[d];
      for (int c = 0; c < d; c++) {
        row[c] = EXTREMES[(i + c) % EXTREMES.length];
      }
      assertProbabilities(m.predictProba(row));
    }
  }

  private static void assertProbabilities(double[] p) {
    double sum = 0;
    for (double v : p) {
      assertThat(v).isBetween(0.0, 1.0);
      sum += v;
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @ParameterizedTest(name = "{0}, scale {1}, {2} classes")
  @MethodSource("trainers")
  void featuresUpTo1e30(OptimizerType o, ScaleMode s, int k) {
    Dataset data = data("huge", k, 120, new Random(2));
    assertFinite(classifier(o, s).fit(data), data);
  }

  @ParameterizedTest(name = "{0}, scale {1}, {2} classes")
  @MethodSource("trainers")
  void constantFeature(OptimizerType o, ScaleMode s, int k) {
    Dataset data = data("constant", k, 120, new Random(3));
    Model m = classifier(o, s).fit(data);
    assertFinite(m, data);
    if (s == ScaleMode.AUTO) {
      // Standardised, a constant column is all zeros: it cannot earn a weight.
      for (int c = 0; c < m.outputLayer().outputs(); c++) {
        assertThat(m.outputLayer().weight(c, 0)).isZero();
      }
    }
  }

  @ParameterizedTest(name = "{0}, scale {1}, {2} classes")
  @MethodSource("trainers")
  void duplicatedRowsIncludingContradictoryOnes(OptimizerType o, ScaleMode s, int k) {
    double[][] x = new double[60][];
    String[] y = new String[60];
    for (int i = 0; i < 60; i++) {
      x[i] = new double[] {1, 2, 3}; // every row the same, labels cycling
      y[i] = "c" + (i % k);
    }
    Dataset data = Dataset.of(x, y);
    Model m = classifier(o, s).fit(data);
    assertFinite(m, data);
    // The best a model can do on identical rows is the class frequencies.
    assertThat(m.predictProba(new float[] {1, 2, 3})[0]).isCloseTo(1.0 / k, within(0.05));
  }

  @ParameterizedTest(name = "{0}, scale {1}, {2} classes")
  @MethodSource("trainers")
  void aClassWithASingleExample(OptimizerType o, ScaleMode s, int k) {
    Random random = new Random(4);
    Dataset base = data("normal", k, 90, random);
    double[][] x = new double[91][];
    String[] y = new String[91];
    for (int i = 0; i < 90; i++) {
      x[i] = new double[] {random.nextGaussian(), i % k, -(i % k)};
      y[i] = "c" + (i % k);
    }
    x[90] = new double[] {5, 5, 5};
    y[90] = "lonely";
    Dataset data = Dataset.of(x, y);
    assertThat(base.size()).isEqualTo(90);
    assertFinite(classifier(o, s).fit(data), data);
  }

  @ParameterizedTest(name = "{0}, scale {1}, {2} classes")
  @MethodSource("networks")
  void networksTakeFeaturesUpTo1e30(String net, ScaleMode s, int k) {
    Dataset data = data("huge", k, 120, new Random(2));
    assertFiniteOrStoppedWithAdvice(net, s, data);
  }

  /**
   * Plain momentum SGD on unscaled features of 1e30 takes steps of 1e28 and more: it may diverge,
   * and then stops with advice instead of handing back NaN weights. Everything else trains.
   */
  private static void assertFiniteOrStoppedWithAdvice(String net, ScaleMode s, Dataset data) {
    Model m;
    try {
      m = network(net, s).fit(data);
    } catch (SoftclassException diverged) {
      assertThat(net.equals("nesterov") && s == ScaleMode.NONE)
          .as("%s with scale %s: %s", net, s, diverged.getMessage())
          .isTrue();
      assertThat(diverged.getMessage()).contains("diverged").contains("--scale auto");
      return;
    }
    assertFinite(m, data);
  }

  @ParameterizedTest(name = "{0}, scale {1}, {2} classes")
  @MethodSource("networks")
  void networksTakeAConstantFeature(String net, ScaleMode s, int k) {
    Dataset data = data("constant", k, 120, new Random(3));
    Model m = network(net, s).fit(data);
    assertFinite(m, data);
    if (s == ScaleMode.AUTO && !net.startsWith("mlp")) {
      // Standardised, a constant column is all zeros: from zero weights it never earns one.
      for (int c = 0; c < m.outputLayer().outputs(); c++) {
        assertThat(m.outputLayer().weight(c, 0)).isZero();
      }
    }
  }

  @ParameterizedTest(name = "{0}, scale {1}, {2} classes")
  @MethodSource("networks")
  void networksOnDuplicatedContradictoryRows(String net, ScaleMode s, int k) {
    double[][] x = new double[120][];
    String[] y = new String[120];
    for (int i = 0; i < 120; i++) {
      x[i] = new double[] {1, 2, 3};
      y[i] = "c" + (i % k);
    }
    Dataset data = Dataset.of(x, y);
    Model m = network(net, s).fit(data);
    assertFinite(m, data);
    if (!net.startsWith("mlp")) {
      // A linear network starts at zero weights, where balanced batches have no gradient: it
      // stays at the class frequencies.
      assertThat(m.predictProba(new float[] {1, 2, 3})[0]).isCloseTo(1.0 / k, within(0.01));
    }
  }

  @ParameterizedTest(name = "{0}, scale {1}, {2} classes")
  @MethodSource("networks")
  void networksWithAClassOfASingleExample(String net, ScaleMode s, int k) {
    Random random = new Random(4);
    double[][] x = new double[91][];
    String[] y = new String[91];
    for (int i = 0; i < 90; i++) {
      x[i] = new double[] {random.nextGaussian() * 1e30, i % k, -(i % k)};
      y[i] = "c" + (i % k);
    }
    x[90] = new double[] {5, 5, 5};
    y[90] = "lonely";
    assertFiniteOrStoppedWithAdvice(net, s, Dataset.of(x, y));
  }

  @Test
  void separableDataWithoutPenaltyKeepsFiniteWeights() {
    double[][] x = {{-2}, {-1}, {1}, {2}};
    String[] y = {"a", "a", "b", "b"};
    Dataset data = Dataset.of(x, y);
    for (HeadType head : new HeadType[] {HeadType.SIGMOID, HeadType.SOFTMAX}) {
      Model m =
          Classifier.logistic()
              .head(head)
              .l2(0)
              .scale(ScaleMode.NONE)
              .convergence(2000, 1e-12)
              .fit(data);
      assertFinite(m, data);
    }
  }

  @Test
  void headsStayFiniteForLogitsBeyondTheFloatRange() {
    // Float weights times float features, summed in double, stay below about 1e80.
    double[][] logits = {{1e39, -1e39}, {1e80, 1e80}, {-1e80, 1e80}, {3.5e38, 0}};
    SoftmaxHead softmax = new SoftmaxHead(2);
    SigmoidHead sigmoid = new SigmoidHead();
    for (double[] z : logits) {
      double[] p = new double[2];
      softmax.probabilities(z.clone(), p);
      assertProbabilities(p);
      sigmoid.probabilities(new double[] {z[0]}, p);
      assertProbabilities(p);
      double[] g = new double[2];
      for (int label = 0; label < 2; label++) {
        double loss = softmax.lossAndGradient(z.clone(), label, g);
        assertThat(loss).isFinite().isGreaterThanOrEqualTo(0);
        for (double v : g) {
          assertThat(v).isFinite();
        }
        loss = sigmoid.lossAndGradient(new double[] {z[0]}, label, g);
        assertThat(loss).isFinite().isGreaterThanOrEqualTo(0);
        assertThat(g[0]).isFinite();
      }
    }
  }

  @Test
  void aDivergingRunStopsWithAdvice() {
    Dataset data = data("normal", 3, 200, new Random(5));
    double[][] x = new double[200][];
    String[] y = new String[200];
    for (int i = 0; i < 200; i++) {
      x[i] = new double[] {1e18 * (i % 3), -1e18 * (i % 2), 1};
      y[i] = "c" + (i % 3);
    }
    assertThat(data.size()).isEqualTo(200);
    Classifier tooFast =
        Classifier.logistic().optimizer(OptimizerType.SGD).scale(ScaleMode.NONE).sgd(3, 1, 1e6);
    assertThatThrownBy(() -> tooFast.fit(Dataset.of(x, y)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("diverged")
        .hasMessageContaining("lower the learning rate");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
