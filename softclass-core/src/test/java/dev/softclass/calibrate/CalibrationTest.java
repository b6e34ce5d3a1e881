package dev.softclass.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import dev.softclass.head.HeadType;
import dev.softclass.io.ModelFile;
import dev.softclass.select.StratifiedSplit;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibration on real data, end to end: fit, apply through the model, save, load. */
class CalibrationTest {
  @TempDir Path dir;

  /** Digits with almost no regularisation: a confident softmax model that needs calibration. */
  private static Dataset[] digits() throws URISyntaxException {
    Dataset train = read("datasets/digits/train.csv", null);
    Dataset test = read("datasets/digits/test.csv", train);
    StratifiedSplit halves = StratifiedSplit.of(test, 0.5, 7);
    return new Dataset[] {train, halves.train(), halves.test()};
  }

  @Test
  void temperatureScalingLowersHeldOutLogLossAndKeepsEveryArgmax() throws Exception {
    Dataset[] d = digits();
    Model raw = Classifier.logistic().l2(1e-6).threads(1).fit(d[0]);

    Model calibrated = Calibration.onHeldOut(raw, d[1], CalibrationMethod.TEMPERATURE);

    TemperatureScaling t = (TemperatureScaling) calibrated.calibrator().orElseThrow();
    assertThat(t.temperature()).isGreaterThan(1.0); // an overconfident model is softened
    Evaluation before = Evaluation.of(raw, d[2]);
    Evaluation after = Evaluation.of(calibrated, d[2]);
    assertThat(after.logLoss()).isLessThan(before.logLoss());
    assertThat(after.ece()).isLessThan(before.ece());
    assertThat(calibrated.predict(d[2])).containsExactly(raw.predict(d[2]));
    for (double[] p : calibrated.predictProba(d[2])) {
      assertThat(p[0] + p[1] + p[2] + p[3] + p[4] + p[5] + p[6] + p[7] + p[8] + p[9])
          .isCloseTo(1.0, within(1e-12));
    }
    assertSavedAndLoadedIdentically(calibrated, d[2]);
  }

  @Test
  void isotonicOneVsRestGivesProbabilitiesThatSumToOne() throws Exception {
    Dataset[] d = digits();
    Model raw = Classifier.logistic().l2(1e-4).threads(1).fit(d[0]);

    Model calibrated = Calibration.onHeldOut(raw, d[1], CalibrationMethod.ISOTONIC);

    assertThat(((IsotonicCalibration) calibrated.calibrator().orElseThrow()).maps()).hasSize(10);
    for (double[] p : calibrated.predictProba(d[2])) {
      double sum = 0;
      for (double v : p) {
        assertThat(v).isBetween(0.0, 1.0);
        sum += v;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-12));
    }
    assertSavedAndLoadedIdentically(calibrated, d[2]);
  }

  @Test
  void binaryPlattAndThresholdSurviveSavingAndAHeadSwitch() throws Exception {
    Dataset train = read("datasets/breast_cancer_wdbc/train.csv", null);
    Dataset test = read("datasets/breast_cancer_wdbc/test.csv", train);
    StratifiedSplit split = StratifiedSplit.of(train, 0.3, 1);
    Model raw = Classifier.logistic().l2(1e-3).threads(1).fit(split.train());
    Model platt = Calibration.onHeldOut(raw, split.test(), CalibrationMethod.PLATT);
    double[][] valid = platt.predictProba(split.test());
    double[] p1 = new double[valid.length];
    for (int i = 0; i < p1.length; i++) {
      p1[i] = valid[i][1];
    }

    Threshold threshold = ThresholdCriterion.parse("recall:0.99").choose(p1, split.test().labels());
    Model decided = platt.withThreshold(threshold);

    assertThat(threshold.recall()).isGreaterThanOrEqualTo(0.99);
    double[][] probs = decided.predictProba(test);
    int[] predicted = decided.predict(test);
    for (int r = 0; r < probs.length; r++) {
      assertThat(predicted[r]).isEqualTo(probs[r][1] >= threshold.value() ? 1 : 0);
    }
    Evaluation e = Evaluation.of(decided, test);
    assertThat(e.threshold()).isEqualTo(threshold.value());
    assertThat(e.toMap()).containsEntry("threshold", threshold.value());
    Model softmax = decided.withHead(HeadType.SOFTMAX);
    assertThat(softmax.threshold()).contains(threshold);
    double[][] viaSoftmax = softmax.predictProba(test);
    for (int r = 0; r < probs.length; r++) {
      assertThat(viaSoftmax[r]).containsExactly(probs[r], within(1e-6));
    }
    assertSavedAndLoadedIdentically(decided, test);
    Model reloaded = Model.load(dir.resolve("model.softclass"));
    assertThat(reloaded.threshold()).contains(threshold);
    assertThat(reloaded.predict(test)).containsExactly(predicted);
  }

  @Test
  void crossValidatedCalibrationUsesOutOfFoldLogitsAndKeepsTheWeights() throws Exception {
    Dataset train = read("datasets/breast_cancer_wdbc/train.csv", null);
    Model raw = Classifier.logistic().l2(1e-3).threads(1).fit(train);

    Model a = Calibration.crossValidated(raw, train, CalibrationMethod.TEMPERATURE, 3, 42);
    Model b = Calibration.crossValidated(raw, train, CalibrationMethod.TEMPERATURE, 3, 42);
    Model onTrain = Calibration.onHeldOut(raw, train, CalibrationMethod.TEMPERATURE);

    double cv = ((TemperatureScaling) a.calibrator().orElseThrow()).temperature();
    assertThat(cv).isEqualTo(((TemperatureScaling) b.calibrator().orElseThrow()).temperature());
    // Out-of-fold scores are less confident than the model's scores on its own training data.
    assertThat(cv)
        .isGreaterThan(((TemperatureScaling) onTrain.calibrator().orElseThrow()).temperature());
    assertThat(a.outputLayer().weights()).containsExactly(raw.outputLayer().weights());
  }

  @Test
  void recalibratingReplacesRatherThanStacks() throws Exception {
    Dataset[] d = digits();
    Model raw = Classifier.logistic().l2(1e-6).threads(1).fit(d[0]);

    Model once = Calibration.onHeldOut(raw, d[1], CalibrationMethod.TEMPERATURE);
    Model twice = Calibration.onHeldOut(once, d[1], CalibrationMethod.TEMPERATURE);

    assertThat(twice.calibrator()).isEqualTo(once.calibrator());
  }

  @Test
  void plattOnAMultiClassModelAndThresholdOnOneAreUserErrors() throws Exception {
    Dataset[] d = digits();
    Model raw = Classifier.logistic().threads(1).fit(d[0]);

    assertThatThrownBy(() -> Calibration.onHeldOut(raw, d[1], CalibrationMethod.PLATT))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("Platt scaling is for binary models");
    assertThatThrownBy(() -> raw.withThreshold(new Threshold(0.5, "0.5", Double.NaN, Double.NaN)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("binary");
    assertThatThrownBy(() -> CalibrationMethod.parse("beta"))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("temperature, platt or isotonic");
  }

  private void assertSavedAndLoadedIdentically(Model model, Dataset data) {
    Path file = dir.resolve("model.softclass");
    model.save(file);
    Model loaded = Model.load(file);
    assertThat(ModelFile.versionFor(loaded)).isEqualTo(2);
    assertThat(loaded.calibrator()).isEqualTo(model.calibrator());
    double[][] expected = model.predictProba(data);
    double[][] actual = loaded.predictProba(data);
    for (int r = 0; r < expected.length; r++) {
      assertThat(actual[r]).containsExactly(expected[r]);
    }
  }

  private static Dataset read(String resource, Dataset encoderFrom) throws URISyntaxException {
    Path path = Path.of(CalibrationTest.class.getResource("/" + resource).toURI());
    var table = DataReaders.read(path, DataFormat.CSV, "label", true);
    return encoderFrom == null ? table.toDataset() : table.toDataset(encoderFrom.encoder());
  }
}
