package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --model-type text, predict --k --min-prob, eval, and text errors through the CLI. */
class CliTextTest {
  @TempDir Path dir;

  @Test
  void trainPredictTopKAndEvaluateRawText() throws IOException {
    Path data = TextFixtures.languages(dir.resolve("lang.ft.txt"), 40);
    Path model = dir.resolve("lang.softclass");
    CliRunner.Result train =
        TextFixtures.train(
            data,
            model,
            "--dim",
            "10",
            "--wordNgrams",
            "2",
            "--minn",
            "3",
            "--maxn",
            "5",
            "--bucket",
            "10000",
            "--loss",
            "hs",
            "--epochs",
            "20",
            "--lr",
            "0.5",
            "--threads",
            "2");
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("hs head", "3 classes", "deterministic", "saved");

    Path raw = dir.resolve("raw.txt");
    Files.writeString(raw, "the human rights of everyone\nder menschen rechte\n");
    CliRunner.Result top =
        CliRunner.ok("predict", "--model", model.toString(), "--data", raw.toString(), "--k", "2");
    String[] lines = top.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("__label__en ");
    assertThat(lines[1]).startsWith("__label__de ");
    String[] fields = lines[0].split(" ");
    assertThat(fields).hasSize(4);
    assertThat(Double.parseDouble(fields[1])).isGreaterThan(Double.parseDouble(fields[3]));

    CliRunner.Result confident =
        CliRunner.run(
            "predict",
            "--model",
            model.toString(),
            "--data",
            raw.toString(),
            "--k",
            "3",
            "--min-prob",
            "0.5");
    assertThat(confident.out().split("\n")[0].split(" ")).hasSize(2);

    CliRunner.Result eval =
        CliRunner.ok("eval", "--model", model.toString(), "--data", data.toString(), "--json");
    JsonNode e = eval.json();
    assertThat(e.get("n").asInt()).isEqualTo(120);
    assertThat(e.get("accuracy").asDouble()).isGreaterThan(0.95);
    assertThat(e.get("log_loss").asDouble()).isGreaterThan(0).isLessThan(0.5);
    assertThat(e.get("probabilities").asText()).isEqualTo("softmax");
  }

  @Test
  void nsProbabilitiesAreSigmoidScoresUnlessAskedForASoftmax() throws IOException {
    Path data = TextFixtures.languages(dir.resolve("lang.ft.txt"), 40);
    Path model = dir.resolve("ns.softclass");
    CliRunner.Result train =
        TextFixtures.train(
            data,
            model,
            "--dim",
            "8",
            "--loss",
            "ns",
            "--neg",
            "2",
            "--epochs",
            "10",
            "--lr",
            "0.5",
            "--json");
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.json().get("probabilities").asText()).isEqualTo("sigmoid");
    CliRunner.Result eval =
        CliRunner.run("eval", "--model", model.toString(), "--data", data.toString(), "--json");
    JsonNode e = eval.json();
    assertThat(e.get("probabilities").asText()).isEqualTo("normalised sigmoid");
    assertThat(e.get("accuracy").asDouble()).isCloseTo(1.0, within(0.05));
  }

  @Test
  void userMistakesAreClearErrors() throws IOException {
    Path onlyLabels = dir.resolve("bad.ft.txt");
    Files.writeString(onlyLabels, "__label__a some words\n__label__b\n");
    CliRunner.Result bad =
        CliRunner.run(
            "train",
            "--model-type",
            "text",
            "--data",
            onlyLabels.toString(),
            "--model",
            dir.resolve("x.softclass").toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("bad.ft.txt, line 2", "no text").doesNotContain("Exception");

    CliRunner.Result wrongType =
        CliRunner.run(
            "train",
            "--data",
            TextFixtures.languages(dir.resolve("l.ft.txt"), 40).toString(),
            "--model",
            dir.resolve("y.softclass").toString(),
            "--dim",
            "10");
    assertThat(wrongType.exitCode()).isEqualTo(1);
    assertThat(wrongType.err()).contains("--dim", "--model-type text");

    CliRunner.Result badLoss =
        CliRunner.run(
            "train",
            "--model-type",
            "text",
            "--data",
            TextFixtures.languages(dir.resolve("m.ft.txt"), 40).toString(),
            "--model",
            dir.resolve("z.softclass").toString(),
            "--loss",
            "nce");
    assertThat(badLoss.exitCode()).isEqualTo(1);
    assertThat(badLoss.err()).contains("softmax, sampled, ns, hs or ova");
  }
}
