package dev.softclass.multilabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.calibrate.PerLabelPlattScaling;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.DataTable;
import dev.softclass.data.Dataset;
import dev.softclass.guard.GuardRailException;
import dev.softclass.head.HeadType;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.train.PositiveWeights;
import dev.softclass.train.ProgressListener;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multi-label training on the first 400 rows of yeast (14 labels). */
class MultiLabelTrainingTest {
  private static Dataset yeast;
  private static JsonNode reference;

  @BeforeAll
  static void read() throws Exception {
    try (Reader r = resource("/datasets/yeast/yeast-400.csv")) {
      DataTable table = DataReaders.read(r, "yeast-400.csv", DataFormat.CSV, "label", true);
      assertThat(table.hasLabelSets(";")).isTrue();
      yeast = table.toMultiLabelDataset(";");
    }
    try (InputStream in =
        MultiLabelTrainingTest.class.getResourceAsStream("/reference/sklearn_multilabel.json")) {
      reference = new ObjectMapper().readTree(in).get("cases").get(0);
    }
  }

  private static Reader resource(String name) {
    return new InputStreamReader(
        MultiLabelTrainingTest.class.getResourceAsStream(name), StandardCharsets.UTF_8);
  }

  private static Dataset rows(int from, int to) {
    return yeast.subset(IntStream.range(from, to).toArray());
  }

  @Test
  void matchesOneVsRestLogisticRegressionOfScikitLearn() {
    // sklearn: OneVsRestClassifier(LogisticRegression(C=1)) on standardised rows 0-249, i.e. the
    // mean summed loss plus l2/2 ||W||^2 with l2 = 1 / (C n): one objective, same optimum.
    Model model = Classifier.logistic().l2(1.0 / 250).convergence(2000, 1e-9).fit(rows(0, 250));
    double[][] probs = model.predictProba(rows(250, 400));
    JsonNode expected = reference.get("probs");
    List<String> labels = new ArrayList<>();
    reference.get("labels").forEach(n -> labels.add(n.asText()));
    double worst = 0;
    for (int r = 0; r < probs.length; r++) {
      for (int k = 0; k < labels.size(); k++) {
        int ours = model.encoder().indexOf(labels.get(k));
        worst = Math.max(worst, Math.abs(probs[r][ours] - expected.get(r).get(k).asDouble()));
      }
    }
    assertThat(model.task()).isEqualTo("multilabel");
    assertThat(model.head()).isEqualTo(new IndependentSigmoidHead(14));
    assertThat(worst).as("largest probability difference (float32 weights)").isLessThan(5e-4);
  }

  @Test
  void probabilitiesAreIndependentAndInRange() {
    Model model = Classifier.logistic().l2(1e-2).fit(rows(0, 200));
    double[][] probs = model.predictProba(rows(200, 260));
    double maxSum = 0;
    for (double[] p : probs) {
      assertThat(p).hasSize(14);
      for (double v : p) {
        assertThat(v).isBetween(0.0, 1.0);
      }
      maxSum = Math.max(maxSum, java.util.Arrays.stream(p).sum());
    }
    assertThat(maxSum).as("yeast rows have ~4 labels: the sums exceed 1").isGreaterThan(2);
  }

  @Test
  void balancedPositiveWeightsRaiseRecallOfRareLabels() {
    Classifier base = Classifier.logistic().l2(1e-2);
    Model plain = base.fit(rows(0, 300));
    Model balanced =
        Classifier.of(
                base.settings().toBuilder()
                    .positiveWeights(PositiveWeights.parse("balanced"))
                    .build())
            .fit(rows(0, 300));
    int rare = plain.encoder().indexOf("label10");
    double plainMean = meanProbability(plain, rare);
    double balancedMean = meanProbability(balanced, rare);
    assertThat(balancedMean).isGreaterThan(plainMean + 0.1);
    assertThatThrownBy(
            () ->
                Classifier.of(
                        base.settings().toBuilder()
                            .positiveWeights(PositiveWeights.parse("1,2"))
                            .build())
                    .fit(rows(0, 50)))
        .hasMessageContaining("one weight per label");
  }

  private static double meanProbability(Model m, int label) {
    return java.util.Arrays.stream(m.predictProba(rows(300, 400)))
        .mapToDouble(p -> p[label])
        .average()
        .orElseThrow();
  }

  @Test
  void softmaxOnMultiLabelDataIsRefused() {
    assertThatThrownBy(() -> Classifier.logistic().head(HeadType.SOFTMAX).fit(rows(0, 50)))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("sum to 1")
        .hasMessageContaining("independent sigmoids")
        .hasMessageContaining("line 2");
  }

  @Test
  void singleLabelDataGivenAMultiLabelHeadWarns() {
    String[][] sets = {{"a"}, {"b"}, {"a"}, {"b"}, {"a"}, {"b"}};
    double[][] x = {{0}, {1}, {0.1}, {0.9}, {0.2}, {1.1}};
    List<String> warnings = new ArrayList<>();
    ProgressListener listener =
        new ProgressListener() {
          @Override
          public void warning(String message) {
            warnings.add(message);
          }
        };
    Model model = Classifier.logistic().progress(listener).fit(Dataset.ofLabelSets(x, sets));
    assertThat(model.isMultiLabel()).isTrue();
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("exactly one label"));
  }

  @Test
  void saveAndLoadKeepsPredictionsDecisionAndCalibration(@TempDir Path dir) {
    Model model = Classifier.logistic().l2(1e-2).fit(rows(0, 200));
    Dataset held = rows(200, 300);
    model =
        model.withCalibrator(
            PerLabelPlattScaling.fit(model.head(), model.logits(held), held.labelSets()));
    double[] per = new double[14];
    java.util.Arrays.fill(per, 0.35);
    per[3] = 0.6;
    model = model.withLabelDecision(new LabelDecision(0.5, per, 3, true, "f1"));
    Path file = dir.resolve("yeast.softclass");
    model.save(file);
    Model loaded = Model.load(file);

    Dataset test = rows(300, 400);
    assertThat(loaded.predictProba(test)).isDeepEqualTo(model.predictProba(test));
    assertThat(loaded.predictLabels(test)).isDeepEqualTo(model.predictLabels(test));
    assertThat(loaded.labelDecision()).isEqualTo(model.labelDecision());
    assertThat(loaded.calibrator()).isEqualTo(model.calibrator());
    assertThat(loaded.task()).isEqualTo("multilabel");
    for (int[] chosen : loaded.predictLabels(test)) {
      assertThat(chosen.length).isBetween(1, 3);
    }
  }

  @Test
  void recalibratingDropsTunedThresholds() {
    Model model = Classifier.logistic().l2(1e-2).fit(rows(0, 100));
    double[] per = new double[14];
    java.util.Arrays.fill(per, 0.3);
    Model tuned = model.withLabelDecision(LabelDecision.DEFAULT.withPerLabel(per, "f1"));
    assertThat(tuned.withCalibrator(null).labelDecision().orElseThrow().perLabel()).isNull();
  }

  @Test
  void sameSeedGivesTheSameModelForAnyThreadCount() {
    Model one = Classifier.logistic().threads(1).fit(rows(0, 150));
    Model two = Classifier.logistic().threads(2).fit(rows(0, 150));
    assertThat(two.outputLayer()).isEqualTo(one.outputLayer());
  }

  @Test
  void sgdTrainsMultiLabelModelsToo() {
    Model model =
        Classifier.logistic()
            .l2(1e-2)
            .optimizer(dev.softclass.train.OptimizerType.SGD)
            .sgd(30, 1, 0)
            .fit(rows(0, 250));
    Model lbfgs = Classifier.logistic().l2(1e-2).fit(rows(0, 250));
    double[][] a = model.predictProba(rows(250, 300));
    double[][] b = lbfgs.predictProba(rows(250, 300));
    double mean = 0;
    for (int r = 0; r < a.length; r++) {
      for (int k = 0; k < 14; k++) {
        mean += Math.abs(a[r][k] - b[r][k]);
      }
    }
    assertThat(mean / (a.length * 14)).isLessThan(0.05);
  }

  @Test
  void predictIsTheMostProbableLabel() {
    Model model = Classifier.logistic().l2(1e-2).fit(rows(0, 100));
    double[] p = model.predictProba(rows(100, 101))[0];
    assertThat(model.decide(p)).isEqualTo(Model.argmax(p));
    assertThat(p[Model.argmax(p)])
        .isCloseTo(java.util.Arrays.stream(p).max().orElseThrow(), within(0.0));
  }
}
