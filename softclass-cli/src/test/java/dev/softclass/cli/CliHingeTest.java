package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hinge head through the command line: train, inspect, predict, eval, and mistakes. */
class CliHingeTest {
  @TempDir Path dir;
  private Path wine;

  @BeforeEach
  void copyBundledData() throws IOException {
    wine = BundledData.wine(dir);
  }

  @Test
  void trainsInspectsPredictsAndEvaluatesAnSvm() throws IOException {
    Path model = dir.resolve("svm.softclass");
    CliRunner.Result train =
        CliRunner.ok(
            "train", "--data", wine.toString(), "--model", model.toString(), "--head", "hinge");
    assertThat(train.out()).contains("lbfgs on");

    CliRunner.Result inspect = CliRunner.ok("inspect", "--model", model.toString(), "--json");
    JsonNode info = inspect.json();
    assertThat(info.path("head").asText()).isEqualTo("hinge");
    assertThat(info.path("format_version").asInt()).isEqualTo(4);
    assertThat(info.at("/svm/loss").asText()).isEqualTo("squared_hinge");
    assertThat(info.at("/svm/platt_a").size()).isEqualTo(3);

    assertThat(CliRunner.predictToFile(model, wine, dir.resolve("pred.csv"))).hasSize(179);

    CliRunner.Result eval =
        CliRunner.ok("eval", "--model", model.toString(), "--data", wine.toString(), "--json");
    assertThat(eval.json().path("accuracy").asDouble()).isGreaterThan(0.95);

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
        CliRunner.ok(
            "train", "--data", wine.toString(), "--model", model.toString(), "--loss", "hinge");
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
