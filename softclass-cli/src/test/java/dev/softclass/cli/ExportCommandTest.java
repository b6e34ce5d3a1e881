package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.Model;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code softclass export --format onnx}: the file runs in ONNX Runtime like the model. */
class ExportCommandTest {
  @TempDir Path dir;
  private Path wine;
  private Path model;

  @BeforeEach
  void trainOnTheBundledWine() throws IOException {
    wine = BundledData.wine(dir);
    model = dir.resolve("wine.softclass");
    CliRunner.ok("train", "--data", wine.toString(), "--model", model.toString());
  }

  @Test
  void theExportedFilePredictsAsTheModel() throws Exception {
    Path onnx = dir.resolve("wine.onnx");
    CliRunner.Result r = CliRunner.export(model, "onnx", onnx);
    assertThat(r.out()).contains("wrote " + onnx, "ONNX opset 17", "'features' float32 [N, 13]");

    Model m = Model.load(model);
    Dataset data = DataReaders.read(wine, DataFormat.CSV, "label", true).toDataset(m.encoder());
    float[][] rows = new float[data.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = data.features().denseRow(i);
    }
    double[][] expected = m.predictProba(data);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx.toString());
        OnnxTensor input = OnnxTensor.createTensor(env, rows);
        OrtSession.Result out = session.run(Map.of("features", input))) {
      String[] labels = (String[]) out.get("label").orElseThrow().getValue();
      float[][] p = (float[][]) out.get("probabilities").orElseThrow().getValue();
      for (int i = 0; i < rows.length; i++) {
        assertThat(labels[i]).isEqualTo(m.classes().get(Model.argmax(expected[i])));
        for (int k = 0; k < p[i].length; k++) {
          assertThat((double) p[i][k]).isCloseTo(expected[i][k], within(1e-5));
        }
      }
    }
  }

  @Test
  void jsonSummary() throws Exception {
    Path onnx = dir.resolve("out/wine.onnx");
    CliRunner.Result r = CliRunner.export(model, "ONNX", onnx, "--json");
    JsonNode j = r.json();
    assertThat(j.get("opset").asInt()).isEqualTo(17);
    assertThat(j.get("input").asText()).isEqualTo("features");
    assertThat(j.get("classes")).hasSize(3);
    assertThat(j.get("bytes").asLong()).isEqualTo(Files.size(onnx));
  }

  @Test
  void mistakesAreUserErrors() throws IOException {
    CliRunner.Result format =
        CliRunner.run(
            "export", "--model", model.toString(), "--format", "pmml", "--output", "x.pmml");
    assertThat(format.exitCode()).isEqualTo(1);
    assertThat(format.err()).isEqualTo("error: unknown export format 'pmml': expected onnx\n");

    CliRunner.Result missing =
        CliRunner.run(
            "export",
            "--model",
            dir.resolve("nope.softclass").toString(),
            "--format",
            "onnx",
            "--output",
            dir.resolve("x.onnx").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: ").contains("nope.softclass");

    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    CliRunner.Result unwritable =
        CliRunner.run(
            "export",
            "--model",
            model.toString(),
            "--format",
            "onnx",
            "--output",
            blocker.resolve("x.onnx").toString());
    assertThat(unwritable.exitCode()).isEqualTo(1);
    assertThat(unwritable.err()).startsWith("error: cannot write the ONNX model to");
  }
}
