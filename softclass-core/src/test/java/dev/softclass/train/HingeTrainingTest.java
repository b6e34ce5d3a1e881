package dev.softclass.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.head.HeadType;
import dev.softclass.head.HingeHead;
import dev.softclass.io.ModelFile;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hinge head: liblinear's solution, Platt probabilities, optimiser choice, model files. */
class HingeTrainingTest {
  @TempDir Path dir;

  private static Dataset read(String name, String part) throws Exception {
    Path path =
        Path.of(
            HingeTrainingTest.class.getResource("/datasets/" + name + "/" + part + ".csv").toURI());
    return DataReaders.read(path, DataFormat.CSV, "label", true).toDataset();
  }

  @Test
  void squaredHingeMatchesLiblinearSolverTwo() throws Exception {
    JsonNode ref;
    try (InputStream in = getClass().getResourceAsStream("/reference/liblinear_svm.json")) {
      ref = new ObjectMapper().readTree(in);
    }
    for (JsonNode c : ref.path("cases")) {
      String name = c.path("dataset").asText();
      Dataset train = read(name, "train");
      assertThat(train.size()).isEqualTo(c.path("rows").asInt());
      Model m =
          Classifier.logistic()
              .head(HeadType.HINGE)
              .l2(c.path("l2").asDouble())
              .convergence(5000, 1e-10)
              .threads(1)
              .fit(train);
      List<String> classes = new ArrayList<>();
      c.path("classes").forEach(v -> classes.add(v.asText()));
      assertThat(m.classes()).isEqualTo(classes);
      assertThat(m.head()).isInstanceOf(HingeHead.class);
      assertThat(((HingeHead) m.head()).squared()).isTrue();
      int outputs = m.outputLayer().outputs();
      assertThat(outputs).isEqualTo(c.path("coef").size());
      for (int k = 0; k < outputs; k++) {
        for (int j = 0; j < m.outputLayer().inputs(); j++) {
          assertThat((double) m.outputLayer().weight(k, j))
              .as("%s output %d weight %d", name, k, j)
              .isCloseTo(c.path("coef").get(k).get(j).asDouble(), within(1e-4));
        }
        assertThat((double) m.outputLayer().bias(k))
            .as("%s output %d bias", name, k)
            .isCloseTo(c.path("intercept").get(k).asDouble(), within(1e-4));
      }
      assertThat(m.info().training()).containsEntry("platt_folds", 5);
    }
  }

  @Test
  void plattProbabilitiesSumToOneAndPredictWell() throws Exception {
    for (String name : List.of("iris", "breast_cancer_wdbc")) {
      Model m = Classifier.logistic().head(HeadType.HINGE).threads(1).fit(read(name, "train"));
      Dataset test = read(name, "test");
      double[][] p = m.predictProba(test);
      int right = 0;
      int[] predicted = m.predict(test);
      for (int r = 0; r < p.length; r++) {
        double sum = 0;
        for (double v : p[r]) {
          assertThat(v).isBetween(0.0, 1.0);
          sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-9));
        right += predicted[r] == test.label(r) ? 1 : 0;
      }
      assertThat((double) right / p.length).as(name).isGreaterThan(0.85);
    }
  }

  @Test
  void plainHingeAskedOfLbfgsTrainsBySgdWithAWarning() throws Exception {
    List<String> warnings = new ArrayList<>();
    ProgressListener record =
        new ProgressListener() {
          @Override
          public void warning(String message) {
            warnings.add(message);
          }
        };
    Model m =
        Classifier.logistic()
            .loss(LossType.HINGE)
            .sgd(20, 1, 0)
            .optimizer(OptimizerType.LBFGS)
            .progress(record)
            .fit(read("breast_cancer_wdbc", "train"));
    assertThat(warnings).anyMatch(w -> w.contains("training by SGD subgradients instead"));
    assertThat(m.info().training()).containsEntry("optimizer", "sgd");
    assertThat(m.info().training()).containsEntry("loss", "hinge");
    assertThat(((HingeHead) m.head()).squared()).isFalse();
    Dataset test = read("breast_cancer_wdbc", "test");
    int[] predicted = m.predict(test);
    int right = 0;
    for (int r = 0; r < predicted.length; r++) {
      right += predicted[r] == test.label(r) ? 1 : 0;
    }
    assertThat((double) right / predicted.length).isGreaterThan(0.9);
  }

  @Test
  void hingeLossOnASoftmaxHeadIsRefused() {
    assertThatThrownBy(
            () ->
                Classifier.logistic()
                    .head(HeadType.SOFTMAX)
                    .loss(LossType.SQUARED_HINGE)
                    .fit(read("iris", "train")))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("--head hinge");
  }

  @Test
  void saveLoadRoundTripKeepsThePlattParametersAndPredictions() throws Exception {
    Dataset train = read("iris", "train");
    Model m = Classifier.logistic().head(HeadType.HINGE).threads(1).fit(train);
    Path file = dir.resolve("svm.softclass");
    m.save(file);
    Model back = Model.load(file);
    assertThat(ModelFile.versionFor(back)).isEqualTo(4);
    assertThat(back.head()).isEqualTo(m.head());
    assertThat(back.outputLayer()).isEqualTo(m.outputLayer());
    Dataset test = read("iris", "test");
    assertThat(back.predictProba(test)).isDeepEqualTo(m.predictProba(test));
  }
}
