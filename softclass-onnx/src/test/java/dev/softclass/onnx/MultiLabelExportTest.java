package dev.softclass.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.calibrate.PerLabelPlattScaling;
import dev.softclass.calibrate.TemperatureScaling;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multi-label models (independent sigmoids) on yeast (first 400 rows, 14 labels), exported and run
 * in ONNX Runtime: the {@code label} indicators must equal Softclass's chosen labels and the
 * probabilities agree within 1e-5 on every test row, for each kind of label decision.
 */
class MultiLabelExportTest {
  private static Dataset train;
  private static Dataset test;

  @BeforeAll
  static void read() throws Exception {
    try (Reader r =
        new InputStreamReader(
            MultiLabelExportTest.class.getResourceAsStream("/datasets/yeast/yeast-400.csv"),
            StandardCharsets.UTF_8)) {
      Dataset yeast =
          DataReaders.read(r, "yeast-400.csv", DataFormat.CSV, "label", true)
              .toMultiLabelDataset(";");
      train = yeast.subset(IntStream.range(0, 300).toArray());
      test = yeast.subset(IntStream.range(300, 400).toArray());
    }
  }

  @Test
  void defaultDecision() throws Exception {
    Model model = Classifier.logistic().l2(1e-2).fit(train);
    assertThat(model.isMultiLabel()).isTrue();
    check(model);
  }

  @Test
  void perLabelThresholdsTopKAndAtLeastOne() throws Exception {
    Model model = Classifier.logistic().l2(1e-2).fit(train);
    double[] perLabel = new double[model.classes().size()];
    for (int k = 0; k < perLabel.length; k++) {
      perLabel[k] = 0.2 + 0.05 * k;
    }
    check(model.withLabelDecision(new LabelDecision(0.5, perLabel, 0, false, "test")));
    check(model.withLabelDecision(new LabelDecision(0.3, null, 2, false, "top-2")));
    check(model.withLabelDecision(new LabelDecision(0, null, 3, false, "top-3")));
    check(model.withLabelDecision(new LabelDecision(0.9, null, 0, true, "0.9")));
    check(model.withLabelDecision(new LabelDecision(0.6, perLabel, 1, true, "mixed")));
  }

  @Test
  void perLabelPlattAndTemperature() throws Exception {
    Dataset fit = train.subset(IntStream.range(0, 200).toArray());
    Dataset held = train.subset(IntStream.range(200, 300).toArray());
    Model model = Classifier.logistic().l2(1e-2).fit(fit);
    check(
        model.withCalibrator(
            PerLabelPlattScaling.fit(model.head(), model.logits(held), held.labelSets())));
    // A temperature set by hand: issue 8's calibrate fits only per-label Platt for multi-label.
    check(model.withCalibrator(new TemperatureScaling(1.7)));
  }

  private static void check(Model model) throws Exception {
    byte[] onnx = OnnxExporter.standard().convert(model).toByteArray();
    OrtRunner.Outputs ort = OrtRunner.run(onnx, test, model.numFeatures());
    double[][] expected = model.predictProba(test);
    int[][] chosen = model.predictLabels(test);
    long[][] indicators = ort.indicators();
    double worst = 0;
    for (int r = 0; r < test.size(); r++) {
      long[] want = new long[model.classes().size()];
      for (int k : chosen[r]) {
        want[k] = 1;
      }
      assertThat(indicators[r]).as("labels of row %d", r).containsExactly(want);
      for (int k = 0; k < want.length; k++) {
        worst = Math.max(worst, Math.abs(ort.probabilities()[r][k] - expected[r][k]));
      }
    }
    System.out.printf(
        "multi-label %s (%s kernels): largest difference %.3g%n",
        describe(model), dev.softclass.kernel.VectorOps.kernelName(), worst);
    assertThat(worst).isLessThanOrEqualTo(1e-5);
  }

  private static String describe(Model model) {
    return model.calibrator().map(c -> c.method().id()).orElse("uncalibrated")
        + ", decision "
        + model.labelDecision().map(LabelDecision::criterion).orElse("none");
  }
}
