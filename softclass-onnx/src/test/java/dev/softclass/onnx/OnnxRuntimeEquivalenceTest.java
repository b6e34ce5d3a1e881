package dev.softclass.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.body.Activation;
import dev.softclass.calibrate.Calibration;
import dev.softclass.calibrate.CalibrationMethod;
import dev.softclass.calibrate.ThresholdCriterion;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.head.HeadType;
import dev.softclass.onnx.proto.Onnx.ModelProto;
import dev.softclass.preprocess.ScaleMode;
import dev.softclass.select.StratifiedSplit;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exportable model kind, trained on real data, exported and run in ONNX Runtime: on every
 * test row the labels must be equal and the probabilities within 1e-5 of Softclass's own. The
 * largest difference per kind is printed at the end (and written to {@code
 * target/onnx-differences-<kernels>.md}, per kernel implementation: the Vector API one, and the
 * plain-Java one of the second surefire execution).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnnxRuntimeEquivalenceTest {
  private static final double TOLERANCE = 1e-5;

  private final Map<String, Double> largest = new TreeMap<>();
  private Dataset wineTrain;
  private Dataset wineTest;
  private Dataset cancerTrain;
  private Dataset cancerTest;
  private Dataset digitsTrain;
  private Dataset digitsTest;

  @BeforeAll
  void readData() {
    wineTrain = read("wine/train.csv", null);
    wineTest = read("wine/test.csv", wineTrain);
    cancerTrain = read("breast_cancer_wdbc/train.csv", null);
    cancerTest = read("breast_cancer_wdbc/test.csv", cancerTrain);
    digitsTrain = read("digits/train.csv", null);
    digitsTest = read("digits/test.csv", digitsTrain);
  }

  @Test
  void softmaxOnWine() throws Exception {
    check("linear + softmax (3 classes), standard scaling: wine", fit(wineTrain), wineTest);
  }

  @Test
  void softmaxOnDigits() throws Exception {
    check("linear + softmax (10 classes), standard scaling: digits", fit(digitsTrain), digitsTest);
  }

  @Test
  void maxAbsAndNoScaling() throws Exception {
    Model maxAbs = Classifier.logistic().l2(1e-3).scale(ScaleMode.MAXABS).fit(digitsTrain);
    check("linear + softmax, max-abs scaling: digits", maxAbs, digitsTest);
    Model none = Classifier.logistic().l2(1e-2).scale(ScaleMode.NONE).fit(wineTrain);
    check("linear + softmax, no scaling: wine", none, wineTest);
  }

  @Test
  void sparseTrainingDataTakeDenseRows(@TempDir Path dir) throws Exception {
    Dataset train = asLibsvm(digitsTrain, dir.resolve("train.libsvm"), null);
    Dataset test = asLibsvm(digitsTest, dir.resolve("test.libsvm"), train);
    Model model = Classifier.logistic().l2(1e-3).fit(train);
    assertThat(model.transform().mode()).isEqualTo(ScaleMode.MAXABS);
    check("linear + softmax, trained on sparse LIBSVM rows: digits", model, test);
  }

  @Test
  void mlpBodies() throws Exception {
    check(
        "mlp (32, relu) + softmax: digits",
        Classifier.mlp(32).sgd(20, 32, 0.01).seed(1).fit(digitsTrain),
        digitsTest);
    check(
        "mlp (16, 8, tanh) + softmax: wine",
        Classifier.mlp(16, 8).activation(Activation.TANH).sgd(30, 16, 0.01).seed(1).fit(wineTrain),
        wineTest);
    check(
        "mlp (16, gelu) + sigmoid: breast cancer",
        Classifier.mlp(16)
            .activation(Activation.GELU)
            .head(HeadType.SIGMOID)
            .sgd(30, 16, 0.01)
            .seed(1)
            .fit(cancerTrain),
        cancerTest);
    StratifiedSplit s = StratifiedSplit.of(digitsTrain, 0.3, 7);
    Model calibrated =
        Calibration.onHeldOut(
            Classifier.mlp(32).sgd(20, 32, 0.01).seed(1).fit(s.train()),
            s.test(),
            CalibrationMethod.TEMPERATURE);
    check("mlp (32, relu) + softmax, temperature: digits", calibrated, digitsTest);
  }

  @Test
  void sigmoidOnBreastCancer() throws Exception {
    Model sigmoid = Classifier.logistic().head(HeadType.SIGMOID).fit(cancerTrain);
    check("linear + sigmoid: breast cancer", sigmoid, cancerTest);
  }

  @Test
  void hingeHeads() throws Exception {
    check(
        "linear SVM (squared hinge) + Platt (2 classes): breast cancer",
        Classifier.logistic().head(HeadType.HINGE).fit(cancerTrain),
        cancerTest);
    check(
        "linear SVM (squared hinge, one-vs-rest) + Platt (3 classes): wine",
        Classifier.logistic().head(HeadType.HINGE).fit(wineTrain),
        wineTest);
    check(
        "linear SVM (hinge, SGD) + Platt (10 classes): digits",
        Classifier.logistic()
            .loss(dev.softclass.train.LossType.HINGE)
            .sgd(5, 1, 0)
            .seed(1)
            .fit(digitsTrain),
        digitsTest);
  }

  @Test
  void twoOutputSoftmaxOnBreastCancer() throws Exception {
    Model softmax = Classifier.logistic().head(HeadType.SOFTMAX).fit(cancerTrain);
    check("linear + softmax (2 classes): breast cancer", softmax, cancerTest);
  }

  @Test
  void missingValuesAreFilledWithTheTrainingMean() throws Exception {
    Dataset holes = withMissingCells("wine/test.csv", wineTrain);
    assertThat(holes.hasMissing()).isTrue();
    check("linear + softmax, missing values filled: wine", fit(wineTrain), holes);
  }

  @Test
  void temperatureScaling() throws Exception {
    StratifiedSplit s = StratifiedSplit.of(digitsTrain, 0.3, 7);
    Model model = Calibration.onHeldOut(fit(s.train()), s.test(), CalibrationMethod.TEMPERATURE);
    check("temperature calibration, softmax: digits", model, digitsTest);
    StratifiedSplit c = StratifiedSplit.of(cancerTrain, 0.3, 7);
    Model sigmoid =
        Calibration.onHeldOut(
            Classifier.logistic().head(HeadType.SIGMOID).fit(c.train()),
            c.test(),
            CalibrationMethod.TEMPERATURE);
    check("temperature calibration, sigmoid: breast cancer", sigmoid, cancerTest);
  }

  @Test
  void plattScaling() throws Exception {
    StratifiedSplit s = StratifiedSplit.of(cancerTrain, 0.3, 7);
    for (HeadType head : List.of(HeadType.SIGMOID, HeadType.SOFTMAX)) {
      Model model =
          Calibration.onHeldOut(
              Classifier.logistic().head(head).fit(s.train()), s.test(), CalibrationMethod.PLATT);
      check("Platt calibration, " + head.id() + ": breast cancer", model, cancerTest);
    }
  }

  @Test
  void isotonicCalibration() throws Exception {
    StratifiedSplit s = StratifiedSplit.of(cancerTrain, 0.3, 7);
    Model binary =
        Calibration.onHeldOut(
            Classifier.logistic().head(HeadType.SIGMOID).fit(s.train()),
            s.test(),
            CalibrationMethod.ISOTONIC);
    check("isotonic calibration, sigmoid: breast cancer", binary, cancerTest);
    StratifiedSplit d = StratifiedSplit.of(digitsTrain, 0.3, 7);
    Model multi = Calibration.onHeldOut(fit(d.train()), d.test(), CalibrationMethod.ISOTONIC);
    check("isotonic calibration, softmax (10 classes): digits", multi, digitsTest);
  }

  @Test
  void decisionThreshold() throws Exception {
    StratifiedSplit s = StratifiedSplit.of(cancerTrain, 0.3, 7);
    Model model =
        Calibration.onHeldOut(
            Classifier.logistic().head(HeadType.SIGMOID).fit(s.train()),
            s.test(),
            CalibrationMethod.PLATT);
    double[][] p = model.predictProba(s.test());
    double[] p1 = new double[p.length];
    for (int r = 0; r < p.length; r++) {
      p1[r] = p[r][1];
    }
    var threshold = ThresholdCriterion.parse("recall:0.99").choose(p1, s.test().labels());
    check(
        "Platt + decision threshold (recall 0.99): breast cancer",
        model.withThreshold(threshold),
        cancerTest);
  }

  @Test
  void frozenModelFiles() throws Exception {
    check(
        "frozen file iris-v2-isotonic",
        Model.load(resource("models/iris-v2-isotonic.softclass")),
        read("iris/test.csv", null));
    check(
        "frozen file wdbc-v2-platt (with threshold)",
        Model.load(resource("models/wdbc-v2-platt.softclass")),
        cancerTest);
  }

  @Test
  void theGraphDeclaresItsInputsOutputsAndOpset() throws Exception {
    Model model = fit(wineTrain);
    ModelProto proto = OnnxExporter.standard().convert(model);
    assertThat(proto.getOpsetImportList())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getDomain()).isEmpty();
              assertThat(o.getVersion()).isEqualTo(OnnxExporter.OPSET);
            });
    assertThat(proto.getIrVersion()).isEqualTo(OnnxExporter.IR_VERSION);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = OrtRunner.strict();
        OrtSession session = env.createSession(proto.toByteArray(), options)) {
      assertThat(session.getInputNames()).containsExactly(OnnxExporter.INPUT);
      assertThat(session.getOutputNames())
          .containsExactly(OnnxExporter.LABEL, OnnxExporter.PROBABILITIES);
      assertThat(session.getInputInfo().get(OnnxExporter.INPUT).getInfo().toString())
          .contains("shape=[-1, 13]")
          .contains("FLOAT");
      assertThat(session.getMetadata().getProducerName()).isEqualTo("softclass");
      assertThat(session.getMetadata().getCustomMetadata())
          .containsEntry("classes", "[\"class_0\",\"class_1\",\"class_2\"]");
    }
  }

  private void check(String kind, Model model, Dataset test) throws Exception {
    byte[] onnx = OnnxExporter.standard().convert(model).toByteArray();
    OrtRunner.Outputs ort = OrtRunner.run(onnx, test, model.numFeatures());
    double[][] expected = model.predictProba(test);
    int[] decisions = model.predict(test);
    assertThat(ort.labels()).hasSize(test.size());
    double worst = 0;
    for (int r = 0; r < test.size(); r++) {
      assertThat(ort.labels()[r])
          .as("%s: label of row %d", kind, r)
          .isEqualTo(model.classes().get(decisions[r]));
      for (int k = 0; k < expected[r].length; k++) {
        worst = Math.max(worst, Math.abs(ort.probabilities()[r][k] - expected[r][k]));
      }
    }
    assertThat(worst).as("%s: largest probability difference", kind).isLessThanOrEqualTo(TOLERANCE);
    largest.merge(kind, worst, Math::max);
  }

  @AfterAll
  void report() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("| model kind | largest |p_ort - p_softclass| |");
    lines.add("| --- | --- |");
    largest.forEach((k, v) -> lines.add("| " + k + " | " + String.format("%.3g", v) + " |"));
    lines.forEach(System.out::println);
    java.nio.file.Files.write(
        Path.of("target/onnx-differences-" + dev.softclass.kernel.VectorOps.kernelName() + ".md"),
        lines);
  }

  /** The dataset written as a LIBSVM file (0 values left out) and read back: sparse rows. */
  private static Dataset asLibsvm(Dataset data, Path file, Dataset encoderFrom) throws IOException {
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < data.size(); r++) {
      text.append(data.encoder().name(data.label(r)));
      float[] row = data.features().denseRow(r);
      for (int c = 0; c < row.length; c++) {
        if (row[c] != 0f) {
          text.append(' ').append(c + 1).append(':').append(row[c]);
        }
      }
      text.append('\n');
    }
    java.nio.file.Files.writeString(file, text);
    var table = DataReaders.read(file, DataFormat.LIBSVM, "label", true);
    return encoderFrom == null ? table.toDataset() : table.toDataset(encoderFrom.encoder());
  }

  private static Model fit(Dataset train) {
    return Classifier.logistic().l2(1e-3).fit(train);
  }

  private static Dataset read(String name, Dataset encoderFrom) {
    var table = DataReaders.read(resource("datasets/" + name), DataFormat.CSV, "label", true);
    return encoderFrom == null ? table.toDataset() : table.toDataset(encoderFrom.encoder());
  }

  /** The CSV with every 7th cell of the features emptied (a missing value). */
  private static Dataset withMissingCells(String name, Dataset encoderFrom) throws IOException {
    String text;
    try (InputStream in =
        OnnxRuntimeEquivalenceTest.class.getResourceAsStream("/datasets/" + name)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n");
    out.append(lines[0]).append('\n');
    int cell = 0;
    for (int i = 1; i < lines.length; i++) {
      String[] fields = lines[i].split(",", -1);
      for (int f = 1; f < fields.length; f++) {
        if (++cell % 7 == 0) {
          fields[f] = "";
        }
      }
      out.append(String.join(",", fields)).append('\n');
    }
    return DataReaders.read(new StringReader(out.toString()), name, DataFormat.CSV, "label", true)
        .toDataset(encoderFrom.encoder());
  }

  private static Path resource(String name) {
    try {
      return Path.of(OnnxRuntimeEquivalenceTest.class.getResource("/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
