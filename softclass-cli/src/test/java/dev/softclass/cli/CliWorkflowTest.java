package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main path through the command line: demo, train, predict, eval, inspect. */
class CliWorkflowTest {
  @TempDir Path dir;
  private Path wine;

  @BeforeEach
  void copyBundledData() throws IOException {
    wine = BundledData.wine(dir);
  }

  @Test
  void demoTrainsEvaluatesAndSaves() {
    Path model = dir.resolve("demo.softclass");
    CliRunner.Result r = CliRunner.ok("demo", "--model", model.toString());
    assertThat(r.out()).contains("accuracy", "log loss", "confusion matrix", "saved " + model);
    assertThat(model).exists();
  }

  @Test
  void trainPredictEvalInspect() throws IOException {
    Path model = dir.resolve("wine.softclass");
    CliRunner.Result train =
        CliRunner.ok(
            "train",
            "--data",
            wine.toString(),
            "--model",
            model.toString(),
            "--l2",
            "1e-3",
            "--threads",
            "2",
            "--json");
    JsonNode summary = train.json();
    assertThat(summary.path("head").asText()).isEqualTo("softmax");
    assertThat(summary.path("train_accuracy").asDouble()).isGreaterThan(0.95);

    List<String> lines = CliRunner.predictToFile(model, wine, dir.resolve("pred.csv"));
    assertThat(lines.get(0)).isEqualTo("label,p_class_0,p_class_1,p_class_2");
    assertThat(lines).hasSize(179);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double sum = Double.parseDouble(f[1]) + Double.parseDouble(f[2]) + Double.parseDouble(f[3]);
      assertThat(sum).isCloseTo(1.0, within(1e-6));
      assertThat(f[0]).isIn("class_0", "class_1", "class_2");
    }

    CliRunner.Result eval =
        CliRunner.ok("eval", "--model", model.toString(), "--data", wine.toString(), "--json");
    JsonNode metrics = eval.json();
    assertThat(metrics.path("n").asInt()).isEqualTo(178);
    assertThat(metrics.path("accuracy").asDouble()).isGreaterThan(0.95);
    assertThat(metrics.path("log_loss").asDouble()).isPositive();
    assertThat(metrics.path("macro_f1").asDouble()).isGreaterThan(0.95);
    JsonNode perClass = metrics.path("per_class").path("class_1");
    assertThat(perClass.path("support").asInt()).isEqualTo(71);
    assertThat(perClass.has("precision") && perClass.has("recall") && perClass.has("f1")).isTrue();
    assertThat(metrics.path("confusion").path("matrix")).hasSize(3);

    CliRunner.Result text =
        CliRunner.run("eval", "--model", model.toString(), "--data", wine.toString());
    assertThat(text.out()).contains("accuracy", "class_2", "confusion matrix");

    CliRunner.Result inspect = CliRunner.ok("inspect", "--model", model.toString(), "--json");
    JsonNode info = inspect.json();
    assertThat(info.path("task").asText()).isEqualTo("multiclass");
    assertThat(info.path("head").asText()).isEqualTo("softmax");
    assertThat(info.path("classes")).hasSize(3);
    assertThat(info.path("features").path("count").asInt()).isEqualTo(13);
    assertThat(info.path("training").path("l2").asDouble()).isEqualTo(1e-3);
    assertThat(info.path("metrics").has("train_accuracy")).isTrue();
    assertThat(CliRunner.run("inspect", "--model", model.toString()).out())
        .contains("softmax", "class_0", "training");
  }

  @Test
  void binaryDataGetsASigmoidUnlessASoftmaxIsAsked() throws IOException {
    Path data = dir.resolve("binary.csv");
    StringBuilder csv = new StringBuilder("x1,x2,label\n");
    for (int i = 0; i < 60; i++) {
      csv.append(i % 7)
          .append(',')
          .append(i % 5)
          .append(',')
          .append(i % 2 == 0 ? "a" : "b")
          .append('\n');
    }
    Files.writeString(data, csv);
    Path sigmoid = dir.resolve("s.softclass");
    Path softmax = dir.resolve("m.softclass");
    CliRunner.ok("train", "--data", data.toString(), "--model", sigmoid.toString());
    CliRunner.ok(
        "train", "--data", data.toString(), "--model", softmax.toString(), "--head", "softmax");
    assertThat(
            CliRunner.run("inspect", "--model", sigmoid.toString(), "--json")
                .json()
                .path("outputs")
                .asInt())
        .isEqualTo(1);
    assertThat(
            CliRunner.run("inspect", "--model", softmax.toString(), "--json")
                .json()
                .path("outputs")
                .asInt())
        .isEqualTo(2);
  }

  @Test
  void readsGzippedLibsvmWithSgd() throws IOException {
    Path data = dir.resolve("tiny.libsvm.gz");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 80; i++) {
      int label = i % 2;
      text.append(label)
          .append(" 1:")
          .append(label == 1 ? 1.5 : -1.5)
          .append(" 3:")
          .append((i % 5) / 5.0)
          .append('\n');
    }
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(data))) {
      out.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    Path model = dir.resolve("tiny.softclass");
    CliRunner.Result r =
        CliRunner.ok(
            "train",
            "--data",
            data.toString(),
            "--model",
            model.toString(),
            "--optimizer",
            "sgd",
            "--epochs",
            "5");
    assertThat(r.err()).contains("epoch 5/5");
    CliRunner.Result eval =
        CliRunner.run("eval", "--model", model.toString(), "--data", data.toString(), "--json");
    assertThat(eval.json().path("accuracy").asDouble()).isEqualTo(1.0);
  }
}
