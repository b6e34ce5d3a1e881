package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Multilayer perceptrons through the command line: train, predict, continue, mistakes. */
class CliNetworkTest {
  @TempDir Path dir;
  private Path wine;

  @BeforeEach
  void copyBundledData() throws IOException {
    wine = BundledData.wine(dir);
  }

  private CliRunner.Result trainMlp(Path model, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "train",
                "--data",
                wine.toString(),
                "--model",
                model.toString(),
                "--model-type",
                "mlp",
                "--lr",
                "1e-2",
                "--batch",
                "32",
                "--json"));
    args.addAll(List.of(extra));
    return CliRunner.run(args.toArray(new String[0]));
  }

  @Test
  void trainsPredictsAndContinuesAnMlp() throws IOException {
    Path model = dir.resolve("wine-mlp.softclass");
    CliRunner.Result train =
        trainMlp(
            model,
            "--hidden",
            "16,8",
            "--activation",
            "tanh",
            "--dropout",
            "0.1",
            "--optimizer",
            "adam",
            "--epochs",
            "40",
            "--early-stopping",
            "5");
    assertThat(train.exitCode()).as(train.err()).isZero();
    JsonNode summary = train.json();
    assertThat(summary.path("model_type").asText()).isEqualTo("mlp");
    assertThat(summary.path("hidden").toString()).isEqualTo("[16,8]");
    assertThat(summary.path("activation").asText()).isEqualTo("tanh");
    assertThat(summary.path("optimizer").asText()).isEqualTo("adam");
    assertThat(summary.path("batch_size").asInt()).isEqualTo(32);
    assertThat(summary.path("train_accuracy").asDouble()).isGreaterThan(0.9);
    assertThat(summary.path("best_epoch").asInt()).isPositive();
    // The per-epoch progress reports the validation metric.
    assertThat(train.err()).contains("val loss", "val acc");

    assertThat(CliRunner.predictToFile(model, wine, dir.resolve("pred.csv"))).hasSize(179);

    Path more = dir.resolve("wine-mlp-more.softclass");
    CliRunner.Result again =
        CliRunner.ok(
            "train",
            "--data",
            wine.toString(),
            "--model",
            more.toString(),
            "--init-model",
            model.toString(),
            "--epochs",
            "3",
            "--json");
    JsonNode continued = again.json();
    assertThat(continued.path("model_type").asText()).isEqualTo("mlp");
    assertThat(continued.path("hidden").toString()).isEqualTo("[16,8]");
    assertThat(continued.path("continued_from").asText()).contains("wine.csv");
    assertThat(continued.path("iterations").asInt()).isEqualTo(3);
  }

  @Test
  void aLinearModelContinuesToo() throws IOException {
    Path model = dir.resolve("wine-linear.softclass");
    CliRunner.ok("train", "--data", wine.toString(), "--model", model.toString(), "--json");
    CliRunner.Result again =
        CliRunner.ok(
            "train",
            "--data",
            wine.toString(),
            "--model",
            dir.resolve("more.softclass").toString(),
            "--init-model",
            model.toString(),
            "--optimizer",
            "sgd",
            "--lr",
            "1e-3",
            "--epochs",
            "2",
            "--json");
    JsonNode summary = again.json();
    assertThat(summary.path("model_type").asText()).isEqualTo("linear");
    assertThat(summary.path("train_accuracy").asDouble()).isGreaterThan(0.9);
  }

  @Test
  void mistakesAreClearErrors() {
    Path model = dir.resolve("m.softclass");
    CliRunner.Result type =
        CliRunner.run(
            "train",
            "--data",
            wine.toString(),
            "--model",
            model.toString(),
            "--model-type",
            "tree");
    assertThat(type.exitCode()).isEqualTo(1);
    assertThat(type.err())
        .contains("--model-type", "linear, mlp or text")
        .doesNotContain("Exception");

    CliRunner.Result width = trainMlp(model, "--hidden", "0");
    assertThat(width.exitCode()).isEqualTo(1);
    assertThat(width.err()).contains("--hidden");

    CliRunner.Result lbfgs = trainMlp(model, "--optimizer", "lbfgs");
    assertThat(lbfgs.exitCode()).isEqualTo(1);
    assertThat(lbfgs.err()).contains("adam");

    CliRunner.Result dropout = trainMlp(model, "--dropout", "1.5");
    assertThat(dropout.exitCode()).isEqualTo(1);
    assertThat(dropout.err()).contains("--dropout");

    CliRunner.Result activation = trainMlp(model, "--activation", "swish");
    assertThat(activation.exitCode()).isEqualTo(1);
    assertThat(activation.err()).contains("relu, tanh or gelu");

    CliRunner.Result missing =
        CliRunner.run(
            "train",
            "--data",
            wine.toString(),
            "--model",
            model.toString(),
            "--init-model",
            dir.resolve("nope.softclass").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("nope.softclass");
  }
}
