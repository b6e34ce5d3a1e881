package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hinge head through the command line: train, inspect, predict, eval, and mistakes. */
class CliHingeTest {
  @TempDir Path dir;
  private Path wine;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void copyBundledData() throws IOException {
    wine = dir.resolve("wine.csv");
    try (InputStream in = DemoCommand.class.getResourceAsStream("wine.csv")) {
      Files.copy(in, wine);
    }
  }

  @Test
  void trainsInspectsPredictsAndEvaluatesAnSvm() throws IOException {
    Path model = dir.resolve("svm.softclass");
    CliRunner.Result train =
        CliRunner.run(
            "train", "--data", wine.toString(), "--model", model.toString(), "--head", "hinge");
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("lbfgs on");

    CliRunner.Result inspect = CliRunner.run("inspect", "--model", model.toString(), "--json");
    assertThat(inspect.exitCode()).as(inspect.err()).isZero();
    JsonNode info = json.readTree(inspect.out());
    assertThat(info.path("head").asText()).isEqualTo("hinge");
    assertThat(info.path("format_version").asInt()).isEqualTo(4);
    assertThat(info.at("/svm/loss").asText()).isEqualTo("squared_hinge");
    assertThat(info.at("/svm/platt_a").size()).isEqualTo(3);

    Path predictions = dir.resolve("pred.csv");
    CliRunner.Result predict =
        CliRunner.run(
            "predict",
            "--model",
            model.toString(),
            "--data",
            wine.toString(),
            "--output",
            predictions.toString());
    assertThat(predict.exitCode()).as(predict.err()).isZero();
    assertThat(Files.readAllLines(predictions)).hasSize(179);

    CliRunner.Result eval =
        CliRunner.run("eval", "--model", model.toString(), "--data", wine.toString(), "--json");
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(json.readTree(eval.out()).path("accuracy").asDouble()).isGreaterThan(0.95);

    CliRunner.Result calibrate =
        CliRunner.run(
            "calibrate",
            "--model",
            model.toString(),
            "--data",
            wine.toString(),
            "--output",
            dir.resolve("c.softclass").toString());
    assertThat(calibrate.exitCode()).isNotZero();
    assertThat(calibrate.err()).contains("already Platt-scaled").doesNotContain("Exception");
  }

  @Test
  void plainHingeWithTheDefaultOptimiserTrainsBySgdWithAWarning() {
    Path model = dir.resolve("hinge.softclass");
    CliRunner.Result train =
        CliRunner.run(
            "train", "--data", wine.toString(), "--model", model.toString(), "--loss", "hinge");
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.err()).contains("training by SGD subgradients instead");
    assertThat(train.out()).contains("sgd on");
  }

  @Test
  void hingeLossOnASigmoidHeadIsAClearError() {
    CliRunner.Result train =
        CliRunner.run(
            "train",
            "--data",
            wine.toString(),
            "--model",
            dir.resolve("x.softclass").toString(),
            "--head",
            "softmax",
            "--loss",
            "squared_hinge");
    assertThat(train.exitCode()).isNotZero();
    assertThat(train.err()).contains("--head hinge").doesNotContain("Exception");
  }
}
