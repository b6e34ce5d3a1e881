package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.text.TextModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code softclass tokenize} and {@code export} of a text model: the ids tokenize prints, fed to
 * the exported graph in ONNX Runtime, give the probabilities predict prints.
 */
class TextExportCommandTest {
  @TempDir Path dir;
  private Path model;

  @BeforeEach
  void trainATextModel() throws IOException {
    Path data = TextFixtures.languages(dir.resolve("lang.ft.txt"), 30);
    model =
        TextFixtures.trainTextModel(
            data,
            dir.resolve("lang.softclass"),
            "--dim",
            "8",
            "--wordNgrams",
            "2",
            "--minn",
            "2",
            "--maxn",
            "3",
            "--bucket",
            "5000",
            "--loss",
            "hs",
            "--epochs",
            "10",
            "--threads",
            "1");
  }

  @Test
  void tokenizedIdsRunInTheExportedGraphAsPredictSays() throws Exception {
    Path raw = dir.resolve("raw.txt");
    Files.writeString(raw, "the human rights of everyone\n\n__label__x der menschen rechte\nzzz\n");
    CliRunner.Result tok =
        CliRunner.ok("tokenize", "--model", model.toString(), "--input", raw.toString());
    String[] lines = tok.out().split("\n");
    assertThat(lines).hasSize(3); // the blank line is skipped, as predict skips it
    TextModel m = TextModel.load(model);
    String[] texts = {"the human rights of everyone", "der menschen rechte", "zzz"};
    long[][] ids = new long[3][];
    for (int r = 0; r < 3; r++) {
      ids[r] = Arrays.stream(lines[r].split(" ")).mapToLong(Long::parseLong).toArray();
      assertThat(ids[r])
          .isEqualTo(Arrays.stream(m.features().features(texts[r])).asLongStream().toArray());
    }

    Path onnx = dir.resolve("lang.onnx");
    CliRunner.Result exp = CliRunner.export(model, "onnx", onnx);
    assertThat(exp.out()).contains("wrote " + onnx, "'ids' int64 [N, L]", "hs head");

    int width = Arrays.stream(ids).mapToInt(a -> a.length).max().orElseThrow();
    long[][] padded = new long[3][width];
    for (int r = 0; r < 3; r++) {
      Arrays.fill(padded[r], -1);
      System.arraycopy(ids[r], 0, padded[r], 0, ids[r].length);
    }
    CliRunner.Result predict =
        CliRunner.ok("predict", "--model", model.toString(), "--data", raw.toString(), "--k", "3");
    String[] top = predict.out().split("\n");
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx.toString());
        OnnxTensor input = OnnxTensor.createTensor(env, padded);
        OrtSession.Result out = session.run(Map.of("ids", input))) {
      String[] labels = (String[]) out.get("label").orElseThrow().getValue();
      float[][] p = (float[][]) out.get("probabilities").orElseThrow().getValue();
      for (int r = 0; r < 3; r++) {
        String[] fields = top[r].split(" ");
        assertThat("__label__" + labels[r]).isEqualTo(fields[0]);
        for (int i = 0; i < fields.length; i += 2) {
          int k = m.classes().indexOf(fields[i].substring("__label__".length()));
          assertThat((double) p[r][k]).isCloseTo(Double.parseDouble(fields[i + 1]), within(1e-5));
        }
      }
    }
  }

  @Test
  void exportJsonNamesTheInput() throws Exception {
    Path onnx = dir.resolve("lang.onnx");
    CliRunner.Result r = CliRunner.export(model, "onnx", onnx, "--json");
    JsonNode j = r.json();
    assertThat(j.get("input").asText()).isEqualTo("ids");
    assertThat(j.get("head").asText()).isEqualTo("hs");
    assertThat(j.get("probability_kind").asText()).isEqualTo("softmax");
    assertThat(j.get("bytes").asLong()).isEqualTo(Files.size(onnx));
  }

  @Test
  void tokenizeRefusesATableModel() throws Exception {
    Path wine = BundledData.wine(dir);
    Path table = dir.resolve("wine.softclass");
    CliRunner.ok("train", "--data", wine.toString(), "--model", table.toString());
    CliRunner.Result r =
        CliRunner.run("tokenize", "--model", table.toString(), "--input", wine.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("is not a text model").doesNotContain("Exception");
  }
}
