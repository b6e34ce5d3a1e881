package dev.softclass.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.data.TextColumns;
import dev.softclass.head.HeadType;
import dev.softclass.onnx.convert.ColumnEncoderConverter;
import dev.softclass.onnx.proto.Onnx.ModelProto;
import dev.softclass.preprocess.EncodedColumn;
import dev.softclass.preprocess.Imputation;
import dev.softclass.preprocess.ImputeStrategy;
import dev.softclass.preprocess.PreprocessSettings;
import dev.softclass.preprocess.ScaleMode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Models with string categorical columns (one-hot), dropped columns and missing-value indicators,
 * trained on the {@code mixed} table of the test resources (its test part has an unseen category
 * and empty cells), run in ONNX Runtime with the second input {@value OnnxExporter#CATEGORIES}:
 * labels equal and probabilities within 1e-5 of Softclass's on every test row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OneHotExportTest {
  private static final double TOLERANCE = 1e-5;

  private final Map<String, Double> largest = new TreeMap<>();
  private Dataset train;
  private Dataset test;

  @BeforeAll
  void readData() {
    train = read("mixed/train.csv", null);
    test = read("mixed/test.csv", train);
  }

  @Test
  void oneHotWithDefaults() throws Exception {
    Model model = Classifier.logistic().l2(1e-3).fit(train);
    assertThat(ColumnEncoderConverter.categoricalColumns(model.columns()))
        .containsExactly("colour");
    check("one-hot (colour), mean imputation, standard scaling: mixed", model);
  }

  @Test
  void categoricalNumbersIndicatorsAndDroppedColumns() throws Exception {
    PreprocessSettings p =
        new PreprocessSettings(List.of("grade"), Imputation.of(ImputeStrategy.MEDIAN), true, true);
    Model model =
        Classifier.logistic().l2(1e-3).scale(ScaleMode.ROBUST).preprocessing(p).fit(train);
    assertThat(ColumnEncoderConverter.categoricalColumns(model.columns()))
        .containsExactly("colour", "grade");
    assertThat(model.columns().columns().stream().map(EncodedColumn::kind))
        .contains(EncodedColumn.Kind.DROPPED);
    check("one-hot (colour, grade), indicators, dropped column, robust scaling: mixed", model);
    Model mostFrequent =
        Classifier.logistic()
            .head(HeadType.SOFTMAX)
            .preprocessing(
                new PreprocessSettings(
                    List.of(), Imputation.of(ImputeStrategy.MOST_FREQUENT), true, false))
            .fit(train);
    check("one-hot (colour), most-frequent imputation, indicators: mixed", mostFrequent);
  }

  @Test
  void frozenFormat3Model() throws Exception {
    check("frozen file mixed-v3 (one-hot, indicators, dropped)", Model.load(resource("mixed-v3")));
  }

  @Test
  void theCategoriesInputIsDeclaredOnlyWhenNeeded() throws Exception {
    Model model = Classifier.logistic().l2(1e-3).fit(train);
    ModelProto proto = OnnxExporter.standard().convert(model);
    assertThat(proto.getOpsetImportList())
        .anySatisfy(o -> assertThat(o.getDomain()).isEqualTo("ai.onnx.ml"));
    assertThat(proto.getMetadataPropsList())
        .anySatisfy(
            e -> {
              assertThat(e.getKey()).isEqualTo("categorical_columns");
              assertThat(e.getValue()).isEqualTo("[\"colour\"]");
            });
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = OrtRunner.strict();
        OrtSession session = env.createSession(proto.toByteArray(), options)) {
      assertThat(session.getInputNames())
          .containsExactly(OnnxExporter.INPUT, OnnxExporter.CATEGORIES);
      assertThat(session.getInputInfo().get(OnnxExporter.CATEGORIES).getInfo().toString())
          .contains("STRING")
          .contains("shape=[-1, 1]");
    }
    Dataset wine = read("wine/train.csv", null);
    ModelProto numeric = OnnxExporter.standard().convert(Classifier.logistic().fit(wine));
    assertThat(numeric.getGraph().getInputList()).hasSize(1);
    assertThat(numeric.getOpsetImportList()).hasSize(1);
  }

  private void check(String kind, Model model) throws Exception {
    byte[] onnx = OnnxExporter.standard().convert(model).toByteArray();
    List<String> categorical = ColumnEncoderConverter.categoricalColumns(model.columns());
    String[][] categories = categories(model, test);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    String[] labels;
    float[][] probabilities;
    try (OrtSession.SessionOptions options = OrtRunner.strict();
        OrtSession session = env.createSession(onnx, options);
        OnnxTensor x = OnnxTensor.createTensor(env, OrtRunner.rows(test, model.numFeatures()));
        OnnxTensor c = OnnxTensor.createTensor(env, categories);
        OrtSession.Result result =
            session.run(Map.of(OnnxExporter.INPUT, x, OnnxExporter.CATEGORIES, c))) {
      labels = (String[]) result.get(OnnxExporter.LABEL).orElseThrow().getValue();
      probabilities = (float[][]) result.get(OnnxExporter.PROBABILITIES).orElseThrow().getValue();
    }
    assertThat(categorical).isNotEmpty();
    double[][] expected = model.predictProba(test);
    int[] decisions = model.predict(test);
    double worst = 0;
    for (int r = 0; r < test.size(); r++) {
      assertThat(labels[r])
          .as("%s: label of row %d", kind, r)
          .isEqualTo(model.classes().get(decisions[r]));
      for (int k = 0; k < expected[r].length; k++) {
        worst = Math.max(worst, Math.abs(probabilities[r][k] - expected[r][k]));
      }
    }
    assertThat(worst).as("%s: largest probability difference", kind).isLessThanOrEqualTo(TOLERANCE);
    largest.merge(kind, worst, Math::max);
  }

  /**
   * The string input: each categorical column's cell as written in the file, a number as Softclass
   * keys it, the empty string for an empty cell.
   */
  static String[][] categories(Model model, Dataset data) {
    List<EncodedColumn> cols = model.columns().columns();
    List<Integer> categorical = new ArrayList<>();
    for (int c = 0; c < cols.size(); c++) {
      if (cols.get(c).kind() == EncodedColumn.Kind.CATEGORICAL) {
        categorical.add(c);
      }
    }
    TextColumns text = data.text();
    String[][] out = new String[data.size()][categorical.size()];
    for (int r = 0; r < data.size(); r++) {
      float[] raw = data.features().denseRow(r);
      for (int j = 0; j < categorical.size(); j++) {
        int c = categorical.get(j);
        String s = text.has(c) ? text.column(c)[r] : null;
        out[r][j] = s != null ? s : Float.isNaN(raw[c]) ? "" : TextColumns.key(raw[c]);
      }
    }
    return out;
  }

  @AfterAll
  void report() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("| model kind | largest |p_ort - p_softclass| |");
    lines.add("| --- | --- |");
    largest.forEach((k, v) -> lines.add("| " + k + " | " + String.format("%.3g", v) + " |"));
    lines.forEach(System.out::println);
    Files.write(
        Path.of(
            "target/onnx-differences-onehot-"
                + dev.softclass.kernel.VectorOps.kernelName()
                + ".md"),
        lines);
  }

  private static Dataset read(String name, Dataset encoderFrom) {
    var table = DataReaders.read(resource("datasets/" + name), DataFormat.CSV, "label", true);
    return encoderFrom == null ? table.toDataset() : table.toDataset(encoderFrom.encoder());
  }

  private static Path resource(String name) {
    String path = name.startsWith("datasets/") ? name : "models/" + name + ".softclass";
    try {
      return Path.of(OneHotExportTest.class.getResource("/" + path).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
