package dev.softclass.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.LabelSets;
import dev.softclass.data.TextData;
import dev.softclass.head.ClassSampler;
import dev.softclass.head.HierarchicalSoftmaxHead;
import dev.softclass.onnx.proto.Onnx.ModelProto;
import dev.softclass.preprocess.text.TextNormalization;
import dev.softclass.text.LossType;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextSettings;
import dev.softclass.text.TextTrainer;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text models (embedding bag + each text head) trained on the UDHR paragraphs of the test resources
 * (eight languages), exported with token ids as input and run in ONNX Runtime: on every held-out
 * line the label must equal Softclass's top class and every probability be within 1e-5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextExportTest {
  private static final double TOLERANCE = 1e-5;

  private final Map<String, Double> largest = new TreeMap<>();
  private TextData train;
  private List<String> test;

  @BeforeAll
  void readData() throws IOException {
    TextData all;
    try (Reader r =
        new InputStreamReader(
            TextExportTest.class.getResourceAsStream("/datasets/udhr_langid/udhr_8langs.ft.txt"),
            StandardCharsets.UTF_8)) {
      all = FastTextReader.read(r, "udhr_8langs.ft.txt", true);
    }
    // Every fifth line is held out, as in the core's TextTrainerTest.
    List<Integer> trainRows = new ArrayList<>();
    List<String> testTexts = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (i % 5 == 0) {
        testTexts.add(all.texts().get(i));
      } else {
        trainRows.add(i);
      }
    }
    int[] idx = trainRows.stream().mapToInt(Integer::intValue).toArray();
    LabelSets labels = all.labels().subset(idx);
    train =
        new TextData(
            all.source(),
            trainRows.stream().map(all.texts()::get).toList(),
            Arrays.stream(idx).map(i -> all.lines()[i]).toArray(),
            all.encoder(),
            labels);
    test = testTexts;
  }

  /** Character n-grams 2..4, word bigrams, 20,000 buckets: every kind of id is used. */
  private static TextSettings settings(LossType loss, boolean nsSoftmax) {
    return new TextSettings(
        16,
        5,
        0.5,
        2,
        2,
        4,
        20_000,
        1,
        loss,
        3,
        ClassSampler.Kind.UNIGRAM,
        nsSoftmax,
        false,
        TextNormalization.NFC,
        1,
        false,
        7);
  }

  @Test
  void softmax() throws Exception {
    check("text softmax: udhr", train(LossType.SOFTMAX, false));
  }

  @Test
  void sampledSoftmax() throws Exception {
    check("text sampled (exact softmax at prediction): udhr", train(LossType.SAMPLED, false));
  }

  @Test
  void temperatureScaledModelsExportTheirCalibratedProbabilities() throws Exception {
    check(
        "text softmax, temperature 2.5: udhr", train(LossType.SOFTMAX, false).withTemperature(2.5));
    check("text hs, temperature 0.7: udhr", train(LossType.HS, false).withTemperature(0.7));
    TextModel softmax = train(LossType.SOFTMAX, false);
    double[] bias = new double[softmax.classes().size()];
    for (int k = 0; k < bias.length; k++) {
      bias[k] = (k % 5 - 2) * 0.7;
    }
    check("text softmax, temperature 1.3 and class bias: udhr", softmax.withCalibration(1.3, bias));
  }

  @Test
  void negativeSampling() throws Exception {
    TextModel sigmoid = train(LossType.NS, false);
    assertThat(sigmoid.probabilityKind()).isEqualTo("sigmoid");
    check("text ns (per-class sigmoids): udhr", sigmoid);
    TextModel softmax = train(LossType.NS, true);
    assertThat(softmax.probabilityKind()).isEqualTo("softmax");
    check("text ns with softmax at prediction: udhr", softmax);
  }

  @Test
  void oneVsAll() throws Exception {
    check("text ova (per-class sigmoids): udhr", train(LossType.OVA, false));
  }

  @Test
  void hierarchicalSoftmax() throws Exception {
    TextModel m = train(LossType.HS, false);
    HierarchicalSoftmaxHead hs = (HierarchicalSoftmaxHead) m.head();
    assertThat(hs.pathRows(0)).hasSize(hs.depth(0));
    check("text hs (exact, every class's path): udhr", m);
  }

  @Test
  void paddingChangesNothingAndAnEmptyRowGivesTheMeanOfNone() throws Exception {
    TextModel m = train(LossType.SOFTMAX, false);
    byte[] onnx = TextOnnxExporter.convert(m).toByteArray();
    List<String> texts = test.subList(0, 5);
    float[][] tight = run(onnx, ids(m, texts, 0)).probabilities();
    float[][] padded = run(onnx, ids(m, texts, 40)).probabilities();
    assertThat(padded).isEqualTo(tight);
    long[][] none = {{-1, -1, -1}};
    float[][] p = run(onnx, none).probabilities();
    // A zero hidden vector gives zero logits: the uniform distribution.
    for (float v : p[0]) {
      assertThat((double) v)
          .isCloseTo(1.0 / m.classes().size(), org.assertj.core.api.Assertions.within(1e-6));
    }
  }

  @Test
  void theGraphDeclaresItsInputAndTokenizerSettings() throws Exception {
    TextModel m = train(LossType.OVA, false);
    ModelProto proto = TextOnnxExporter.convert(m);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = OrtRunner.strict();
        OrtSession session = env.createSession(proto.toByteArray(), options)) {
      assertThat(session.getInputNames()).containsExactly(TextOnnxExporter.IDS);
      assertThat(session.getInputInfo().get(TextOnnxExporter.IDS).getInfo().toString())
          .contains("INT64")
          .contains("shape=[-1, -1]");
      assertThat(session.getOutputNames())
          .containsExactly(OnnxExporter.LABEL, OnnxExporter.PROBABILITIES);
      assertThat(session.getMetadata().getCustomMetadata())
          .containsEntry("head", "ova")
          .containsEntry("probability_kind", "sigmoid")
          .containsEntry(
              "tokenizer",
              "{\"lowercase\":false,\"normalization\":\"nfc\",\"vocabulary_size\":"
                  + m.features().words().size()
                  + ",\"buckets\":20000,\"minn\":2,\"maxn\":4,\"word_ngrams\":2}");
    }
  }

  @Test
  void writesAtomicallyAndRefusesWeightsBeyondTwoGigabytes(@TempDir Path dir) throws Exception {
    TextModel m = train(LossType.SOFTMAX, false);
    Path file = dir.resolve("text.onnx");
    TextOnnxExporter.export(m, file);
    assertThat(ModelProto.parseFrom(Files.readAllBytes(file)))
        .isEqualTo(TextOnnxExporter.convert(m));
    TextOnnxExporter.checkFits(2_000_000, 100, 800); // fastText's defaults fit
    assertThatThrownBy(() -> TextOnnxExporter.checkFits(2_000_000, 300, 300))
        .isInstanceOf(UnsupportedModelException.class)
        .hasMessageContaining("2000000 embedding rows x 300 dimensions")
        .hasMessageContaining("at most 2 GB")
        .hasMessageContaining("--bucket or --dim");
  }

  private TextModel train(LossType loss, boolean nsSoftmax) {
    return new TextTrainer(settings(loss, nsSoftmax)).fit(train);
  }

  private void check(String kind, TextModel m) throws Exception {
    byte[] onnx = TextOnnxExporter.convert(m).toByteArray();
    OrtRunner.Outputs ort = run(onnx, ids(m, test, 0));
    double worst = 0;
    for (int r = 0; r < test.size(); r++) {
      String text = test.get(r);
      double[] expected = m.predictProba(text);
      int top = m.predict(text, 1, 0).classes()[0];
      assertThat(ort.labels()[r])
          .as("%s: label of line %d", kind, r)
          .isEqualTo(m.classes().get(top));
      for (int k = 0; k < expected.length; k++) {
        worst = Math.max(worst, Math.abs(ort.probabilities()[r][k] - expected[k]));
      }
    }
    assertThat(worst).as("%s: largest probability difference", kind).isLessThanOrEqualTo(TOLERANCE);
    largest.merge(kind, worst, Math::max);
  }

  /** The ids of each text, padded with -1 to the longest row plus {@code extra}. */
  static long[][] ids(TextModel m, List<String> texts, int extra) {
    int[][] rows = new int[texts.size()][];
    int width = 0;
    for (int r = 0; r < rows.length; r++) {
      rows[r] = m.features().features(texts.get(r));
      width = Math.max(width, rows[r].length);
    }
    long[][] out = new long[rows.length][width + extra];
    for (int r = 0; r < rows.length; r++) {
      Arrays.fill(out[r], -1);
      for (int i = 0; i < rows[r].length; i++) {
        out[r][i] = rows[r][i];
      }
    }
    return out;
  }

  private static OrtRunner.Outputs run(byte[] onnx, long[][] ids) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = OrtRunner.strict();
        OrtSession session = env.createSession(onnx, options);
        OnnxTensor input = OnnxTensor.createTensor(env, ids);
        OrtSession.Result result = session.run(Map.of(TextOnnxExporter.IDS, input))) {
      return new OrtRunner.Outputs(
          result.get(OnnxExporter.LABEL).orElseThrow().getValue(),
          (float[][]) result.get(OnnxExporter.PROBABILITIES).orElseThrow().getValue());
    }
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
            "target/onnx-differences-text-" + dev.softclass.kernel.VectorOps.kernelName() + ".md"),
        lines);
  }
}
