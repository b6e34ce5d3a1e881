package dev.softclass.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.body.EmbeddingBagBody;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.LabelEncoder;
import dev.softclass.data.TextData;
import dev.softclass.head.ClassSampler;
import dev.softclass.head.FullSoftmaxHead;
import dev.softclass.head.HeadScratch;
import dev.softclass.head.HierarchicalSoftmaxHead;
import dev.softclass.head.NegativeSamplingHead;
import dev.softclass.head.SgdHead;
import dev.softclass.optim.IterationCallback;
import dev.softclass.optim.Lbfgs;
import dev.softclass.preprocess.text.TextFeatures;
import dev.softclass.preprocess.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Temperature and class-bias calibration: the objective's gradient against finite differences, the
 * known answer of an uninformative model (the bias becomes the log class shares), the calibrated
 * model's probabilities and round trip, and a negative-sampling model trained on skewed class
 * frequencies whose calibrated probabilities approach the true ones.
 */
class TextBiasCalibrationTest {
  @TempDir Path dir;

  @Test
  void objectiveGradientMatchesFiniteDifferences() {
    SplittableRandom r = new SplittableRandom(3);
    int n = 30;
    int k = 5;
    float[][] z = new float[n][k];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        z[i][c] = (float) (3 * r.nextGaussian());
      }
      y[i] = r.nextInt(k);
    }
    int[] rows = java.util.stream.IntStream.range(0, n).toArray();
    TextBiasCalibration.Objective f = new TextBiasCalibration.Objective(z, y, rows, k, 0.3);
    double[] x = {0.7, 0.5, -1, 0.2, 2, -0.4};
    double[] g = new double[k + 1];
    f.valueAndGradient(x, g);
    double h = 1e-6;
    for (int i = 0; i <= k; i++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[i] += h;
      down[i] -= h;
      double numeric = (f.loss(up) - f.loss(down)) / (2 * h);
      assertThat(g[i]).as("component %d", i).isCloseTo(numeric, within(1e-6));
    }
  }

  @Test
  void objectiveCurvatureMatchesFiniteDifferencesOfTheGradient() {
    SplittableRandom r = new SplittableRandom(5);
    int n = 40;
    int k = 4;
    float[][] z = randomLogits(r, n, k);
    int[] y = r.ints(n, 0, k).toArray();
    int[] rows = java.util.stream.IntStream.range(0, n).toArray();
    TextBiasCalibration.Objective f = new TextBiasCalibration.Objective(z, y, rows, k, 0.2);
    double[] x = {1.3, -0.5, 0.8, 0.1, -1.2};
    double[] g = new double[k + 1];
    double[] curvature = new double[k + 1];
    double value = f.valueGradientAndCurvature(x, g, curvature);
    double[] plain = new double[k + 1];
    assertThat(f.valueAndGradient(x, plain)).isEqualTo(value);
    assertThat(g).containsExactly(plain, within(0.0));
    double h = 1e-5;
    for (int i = 0; i <= k; i++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[i] += h;
      down[i] -= h;
      double[] gUp = new double[k + 1];
      double[] gDown = new double[k + 1];
      f.valueAndGradient(up, gUp);
      f.valueAndGradient(down, gDown);
      assertThat(curvature[i])
          .as("component %d", i)
          .isCloseTo((gUp[i] - gDown[i]) / (2 * h), within(1e-7));
    }
  }

  /**
   * The fit on skewed classes (some with two lines, whose biases the lines hardly determine) ends
   * at the minimum of the penalised loss at the L2 strength it chose: its gradient there is nearly
   * zero, and a plain (unscaled) L-BFGS run to a far tighter tolerance finds the same point.
   */
  @Test
  void fitReachesTheMinimumOfThePenalisedLoss() {
    SplittableRandom r = new SplittableRandom(9);
    int k = 12;
    int n = 400;
    float[][] z = randomLogits(r, n, k);
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i < 2 * k ? i % k : Math.min(k - 1, (int) (-3 * Math.log(r.nextDouble())));
      z[i][y[i]] += 2;
    }
    TextBiasCalibration.Fit fit = TextBiasCalibration.fit(z, y, k, 4);
    int[] rows = java.util.stream.IntStream.range(0, n).toArray();
    TextBiasCalibration.Objective f = new TextBiasCalibration.Objective(z, y, rows, k, fit.l2());
    double[] x = new double[k + 1];
    x[0] = 1 / fit.temperature();
    System.arraycopy(fit.bias(), 0, x, 1, k);
    double[] g = new double[k + 1];
    f.valueAndGradient(x, g);
    assertThat(java.util.Arrays.stream(g).map(Math::abs).max().orElseThrow()).isLessThan(1e-7);

    double[] x0 = new double[k + 1];
    x0[0] = 1;
    double[] tight = new Lbfgs(10, 20_000, 1e-12, 0).minimize(f, x0, IterationCallback.NONE).x();
    assertThat(x).containsExactly(tight, within(1e-5));
    assertThat(fit.logLossAfter()).isLessThan(fit.logLossBefore());
  }

  private static float[][] randomLogits(SplittableRandom r, int n, int k) {
    float[][] z = new float[n][k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        z[i][c] = (float) (2 * r.nextGaussian());
      }
    }
    return z;
  }

  @Test
  void uninformativeLogitsGiveTheLogClassShares() {
    // every logit 0: only the bias can help, and without a penalty softmax(b) is the class shares
    int[] counts = {50, 30, 15, 5};
    List<Integer> labels = new ArrayList<>();
    for (int c = 0; c < counts.length; c++) {
      for (int i = 0; i < counts[c]; i++) {
        labels.add(c);
      }
    }
    int n = labels.size();
    float[][] z = new float[n][counts.length];
    int[] y = labels.stream().mapToInt(Integer::intValue).toArray();
    int[] rows = java.util.stream.IntStream.range(0, n).toArray();
    double[] x = TextBiasCalibration.minimise(z, y, rows, counts.length, 0, null);
    double[] p = softmax(java.util.Arrays.copyOfRange(x, 1, x.length));
    for (int c = 0; c < counts.length; c++) {
      assertThat(p[c]).isCloseTo(counts[c] / (double) n, within(1e-4));
    }
  }

  @Test
  void calibratedModelSumsToOneRanksAsItsProbabilitiesAndSurvivesASaveAndLoad() throws IOException {
    TextModel m = model(new FullSoftmaxHead(3, 1), new float[] {2, -1, 0.5f});
    TextModel calibrated = m.withCalibration(2, new double[] {-1, 1.5, 0});
    double[] p = calibrated.predictProba("w");
    double[] expected = softmax(new double[] {2 / 2.0 - 1, -1 / 2.0 + 1.5, 0.5 / 2.0});
    assertThat(p).containsExactly(expected, within(1e-6));
    assertThat(p[0] + p[1] + p[2]).isCloseTo(1, within(1e-12));
    TextModel.TopPredictions top = calibrated.predict("w", 2, 0);
    assertThat(top.classes()).containsExactly(1, 2);
    assertThat(top.probabilities()[0]).isCloseTo(p[1], within(1e-12));
    assertThat(calibrated.score("w", 2).labelProbability()).isCloseTo(p[2], within(1e-12));

    Path file = dir.resolve("m.softclass");
    calibrated.save(file);
    TextModel back = TextModel.load(file);
    assertThat(back.temperature()).isEqualTo(2);
    assertThat(back.classBias()).containsExactly(-1, 1.5, 0);
    assertThat(back.predictProba("w")).containsExactly(p, within(1e-15));
    assertThat(back.withTemperature(1).classBias()).isNull();
  }

  @Test
  void headsWithoutPerClassSoftmaxAreRefused() throws IOException {
    double[] counts = {3, 1};
    TextModel hs = model(new HierarchicalSoftmaxHead(counts, 1), new float[] {1});
    assertThat(TextBiasCalibration.applies(hs.head())).isFalse();
    assertThatThrownBy(() -> TextBiasCalibration.fit(hs, data(List.of(30, 10)), 1))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("--method temperature");
    TextModel sigmoid =
        model(
            new NegativeSamplingHead(
                2, 1, 1, new ClassSampler(ClassSampler.Kind.UNIGRAM, counts), false),
            new float[] {1, -1});
    assertThatThrownBy(() -> TextBiasCalibration.fit(sigmoid, data(List.of(30, 10)), 1))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("--ns-softmax");
    assertThatThrownBy(() -> sigmoid.withCalibration(1, new double[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Negative sampling on skewed class frequencies, one context: the softmax over its logits is far
   * from the true distribution; inverting the fixed point of its binary loss (the formula in {@link
   * TextBiasCalibration}'s documentation) recovers it, and so does the bias fitted on held-out
   * lines, without the formula. (The first-order reading, {@code p} proportional to {@code exp(z_k)
   * Q(k)}, is worse than no correction here: {@code neg Q(k)} is not small next to {@code p_k}.)
   */
  @Test
  void biasCalibratedNegativeSamplingApproachesTheTrueSkewedDistribution() throws IOException {
    int k = 6;
    double[] truth = {0.45, 0.25, 0.12, 0.08, 0.06, 0.04};
    double[] counts = new double[k];
    for (int c = 0; c < k; c++) {
      counts[c] = truth[c] * 1000;
    }
    ClassSampler sampler = new ClassSampler(ClassSampler.Kind.UNIGRAM, counts);
    NegativeSamplingHead head = new NegativeSamplingHead(k, 1, 3, sampler, true);
    float[] out = new float[k];
    float[] hidden = {1};
    float[] grad = new float[1];
    HeadScratch scratch = head.newScratch(5);
    SplittableRandom r = new SplittableRandom(11);
    for (int step = 0; step < 200_000; step++) {
      float lr = 0.05f * (1 - step / 200_000f) + 1e-4f;
      head.step(hidden, draw(truth, r), out, lr, grad, scratch);
    }
    double[] z = new double[k];
    double[] fixedPoint = new double[k];
    for (int c = 0; c < k; c++) {
      z[c] = out[c];
      double q = sampler.probability(c);
      double e = Math.exp(out[c]) * head.neg() * q;
      fixedPoint[c] = e / (1 + e / (1 - q));
    }
    double plain = totalVariation(softmax(z), truth);
    double inverted = totalVariation(normalised(fixedPoint), truth);

    List<Integer> heldOut = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      heldOut.add((int) Math.round(truth[c] * 400));
    }
    TextModel m = model(head, out, k);
    TextBiasCalibration.Fit fit = TextBiasCalibration.fit(m, data(heldOut), 1);
    double[] calibrated = m.withCalibration(fit.temperature(), fit.bias()).predictProba("w");
    double biased = totalVariation(calibrated, truth);

    assertThat(plain).isGreaterThan(0.05);
    assertThat(inverted).isLessThan(0.02);
    assertThat(biased).isLessThan(0.02);
  }

  private static int draw(double[] p, SplittableRandom r) {
    double u = r.nextDouble();
    for (int c = 0; c < p.length - 1; c++) {
      u -= p[c];
      if (u < 0) {
        return c;
      }
    }
    return p.length - 1;
  }

  private static double totalVariation(double[] p, double[] q) {
    double d = 0;
    for (int i = 0; i < p.length; i++) {
      d += Math.abs(p[i] - q[i]);
    }
    return d / 2;
  }

  private static double[] normalised(double[] w) {
    double sum = java.util.Arrays.stream(w).sum();
    return java.util.Arrays.stream(w).map(v -> v / sum).toArray();
  }

  private static double[] softmax(double[] z) {
    double max = java.util.Arrays.stream(z).max().orElse(0);
    double[] p = new double[z.length];
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      p[i] = Math.exp(z[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < z.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** Held-out lines "w" with the given number of lines per class c0, c1, ... */
  private TextData data(List<Integer> perClass) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int c = 0; c < perClass.size(); c++) {
      for (int i = 0; i < perClass.get(c); i++) {
        lines.add("__label__c" + c + " w");
      }
    }
    Path file = dir.resolve("heldout-" + perClass.hashCode() + ".ft.txt");
    Files.write(file, lines);
    return FastTextReader.read(file, true);
  }

  private static TextModel model(SgdHead head, float[] output) {
    return model(head, output, head.numClasses());
  }

  /** Classes c0..c(k-1), one word, dim 1, every embedding 1: the body's output is 1. */
  private static TextModel model(SgdHead head, float[] output, int k) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      names.add("c" + c);
    }
    TextFeatures features =
        new TextFeatures(new Tokenizer(false), List.of("w", TextFeatures.EOS), 0, 0, 0, 1);
    return new TextModel(
        LabelEncoder.ofClasses(names),
        features,
        new EmbeddingBagBody(2, 1, new float[] {1, 1}),
        head,
        output,
        new ModelInfo(Map.of(), Map.of(), Map.of()));
  }
}
