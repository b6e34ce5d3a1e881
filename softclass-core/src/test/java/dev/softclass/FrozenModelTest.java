package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.calibrate.Calibration;
import dev.softclass.calibrate.CalibrationMethod;
import dev.softclass.calibrate.ThresholdCriterion;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.io.ModelFile;
import dev.softclass.select.StratifiedSplit;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Model files of every released format version must keep loading and predicting the same, bit for
 * bit. {@code src/test/resources/models/} holds the files and their expected probabilities (and,
 * for models with a decision threshold, decisions):
 *
 * <ul>
 *   <li>{@code iris-v1}: format 1, a softmax model on iris;
 *   <li>{@code iris-v2-isotonic}: format 2, the same kind of model with one-vs-rest isotonic
 *       calibration;
 *   <li>{@code wdbc-v2-platt}: format 2, a binary sigmoid model on breast cancer data with Platt
 *       scaling and a decision threshold chosen for recall 0.98;
 *   <li>{@code mixed-v3}: format 3, a softmax model on a table with strings and empty cells ({@code
 *       datasets/mixed}): one-hot encoding (an unseen category in the test part), a named
 *       categorical column of numbers, median imputation, missing indicators, a dropped constant
 *       column, robust scaling.
 * </ul>
 *
 * {@link #freeze()} made the version-2 and version-3 files (run it with {@code
 * -Dsoftclass.freeze=true} only when a new format version is introduced, and keep the old files;
 * the v1 file came from the foundation's version of this method).
 */
class FrozenModelTest {
  private static final String[][] FROZEN = {
    {"iris-v1", "iris", "1"},
    {"iris-v2-isotonic", "iris", "2"},
    {"wdbc-v2-platt", "breast_cancer_wdbc", "2"},
    {"mixed-v3", "mixed", "3"},
  };

  @Test
  void everyFrozenModelPredictsExactlyAsWhenItWasSaved() throws Exception {
    for (String[] frozen : FROZEN) {
      String name = frozen[0];
      Model model = Model.load(resource("models/" + name + ".softclass"));
      List<String> expected = Files.readAllLines(resource("models/" + name + ".expected"));
      assertThat(lines(model, test(frozen[1]))).as(name).isEqualTo(expected);
      assertThat(ModelFile.versionFor(model)).as(name).isEqualTo(Integer.parseInt(frozen[2]));
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "softclass.freeze", matches = "true")
  void freeze() throws Exception {
    Path dir = Path.of("src/test/resources/models");
    StratifiedSplit iris = StratifiedSplit.of(train("iris"), 0.3, 42);
    Model isotonic =
        Calibration.onHeldOut(
            Classifier.logistic().l2(1e-3).fit(iris.train()),
            iris.test(),
            CalibrationMethod.ISOTONIC);
    save(dir, "iris-v2-isotonic", isotonic, test("iris"));

    StratifiedSplit wdbc = StratifiedSplit.of(train("breast_cancer_wdbc"), 0.3, 42);
    Model platt =
        Calibration.onHeldOut(
            Classifier.logistic().l2(1e-3).fit(wdbc.train()), wdbc.test(), CalibrationMethod.PLATT);
    double[][] valid = platt.predictProba(wdbc.test());
    double[] p1 = new double[valid.length];
    for (int i = 0; i < p1.length; i++) {
      p1[i] = valid[i][1];
    }
    Model decided =
        platt.withThreshold(
            ThresholdCriterion.parse("recall:0.98").choose(p1, wdbc.test().labels()));
    save(dir, "wdbc-v2-platt", decided, test("breast_cancer_wdbc"));

    Model mixed =
        Classifier.logistic()
            .l2(1e-3)
            .scale(dev.softclass.preprocess.ScaleMode.ROBUST)
            .preprocessing(
                new dev.softclass.preprocess.PreprocessSettings(
                    List.of("grade"),
                    dev.softclass.preprocess.Imputation.of(
                        dev.softclass.preprocess.ImputeStrategy.MEDIAN),
                    true,
                    true))
            .fit(train("mixed"));
    save(dir, "mixed-v3", mixed, test("mixed"));
  }

  private static void save(Path dir, String name, Model model, Dataset test) throws Exception {
    model.save(dir.resolve(name + ".softclass"));
    Files.write(dir.resolve(name + ".expected"), lines(model, test));
  }

  private static Dataset train(String dataset) throws URISyntaxException {
    return DataReaders.read(
            resource("datasets/" + dataset + "/train.csv"), DataFormat.CSV, "label", true)
        .toDataset();
  }

  private static Dataset test(String dataset) throws URISyntaxException {
    return DataReaders.read(
            resource("datasets/" + dataset + "/test.csv"), DataFormat.CSV, "label", true)
        .toDataset(train(dataset).encoder());
  }

  /**
   * One line per row, each probability printed exactly (Double.toString round-trips), then the
   * decision when the model has a threshold.
   */
  private static List<String> lines(Model model, Dataset data) {
    List<String> out = new ArrayList<>();
    for (double[] row : model.predictProba(data)) {
      StringBuilder sb = new StringBuilder();
      for (double p : row) {
        sb.append(sb.length() == 0 ? "" : " ").append(p);
      }
      if (model.threshold().isPresent()) {
        sb.append(" -> ").append(model.decide(row));
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static Path resource(String name) throws URISyntaxException {
    var url = FrozenModelTest.class.getResource("/" + name);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return Path.of(url.toURI());
  }
}
