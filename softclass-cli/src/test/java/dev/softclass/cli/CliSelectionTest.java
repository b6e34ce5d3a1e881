package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tune and ensemble through the command line; predict and eval on an ensemble file. */
class CliSelectionTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private Path wine() throws IOException {
    Path wine = dir.resolve("wine.csv");
    try (InputStream in = DemoCommand.class.getResourceAsStream("wine.csv")) {
      Files.copy(in, wine);
    }
    return wine;
  }

  private static CliRunner.Result ok(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
    return r;
  }

  @Test
  void tunePrintsTheTableAndSavesTheRefittedBest() throws IOException {
    Path wine = wine();
    Path best = dir.resolve("best.softclass");
    Path results = dir.resolve("results.json");
    CliRunner.Result r =
        ok(
            "tune",
            "--data",
            wine.toString(),
            "--search",
            "l2=1e-4..1e1:log:4,lr=0.01|0.1",
            "--cv",
            "3",
            "--metric",
            "log_loss",
            "--model",
            best.toString(),
            "--results",
            results.toString());
    assertThat(r.out()).contains("l2").contains("lr").contains("log_loss (mean ± std)");
    assertThat(
            r.out().lines().filter(l -> l.matches(".*\\d\\.\\d{4} ± .*") && !l.startsWith("best")))
        .hasSize(8);
    assertThat(r.out()).contains("saved " + best);
    JsonNode res = json.readTree(results.toFile());
    assertThat(res.path("candidates")).hasSize(8);
    assertThat(res.at("/candidates/0/scores")).hasSize(3);
    JsonNode info = json.readTree(ok("inspect", "--model", best.toString(), "--json").out());
    assertThat(info.at("/training/l2").asDouble()).isEqualTo(res.at("/best/l2").asDouble());
    assertThat(info.at("/metrics/cv_metric").asText()).isEqualTo("log_loss");
  }

  @Test
  void tuneMistakesAreUserErrors() throws IOException {
    Path wine = wine();
    CliRunner.Result r =
        CliRunner.run(
            "tune",
            "--data",
            wine.toString(),
            "--search",
            "l2=1e-4..1e1:cubic:8",
            "--model",
            dir.resolve("x.softclass").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("log or lin").doesNotContain("Exception");
    r =
        CliRunner.run(
            "tune",
            "--data",
            wine.toString(),
            "--search",
            "l2=1e-3",
            "--metric",
            "auc",
            "--model",
            dir.resolve("x.softclass").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("unknown metric 'auc'");
  }

  @Test
  void anEnsembleFileWorksWithPredictAndEval() throws IOException {
    Path wine = wine();
    Path a = dir.resolve("a.softclass");
    Path b = dir.resolve("b.softclass");
    Path e = dir.resolve("e.softclass");
    ok("train", "--data", wine.toString(), "--model", a.toString(), "--l2", "1e-2");
    ok("train", "--data", wine.toString(), "--model", b.toString(), "--optimizer", "sgd");
    CliRunner.Result r =
        ok(
            "ensemble",
            "--model",
            a.toString(),
            "--model",
            b.toString(),
            "--weights",
            "2,1",
            "--test",
            wine.toString(),
            "--output",
            e.toString());
    assertThat(r.out()).contains("ensemble (soft_voting): log loss").contains("saved " + e);
    String predictions = ok("predict", "--model", e.toString(), "--data", wine.toString()).out();
    assertThat(predictions.lines().findFirst().orElseThrow()).startsWith("label,p_");
    JsonNode ev =
        json.readTree(
            ok("eval", "--model", e.toString(), "--data", wine.toString(), "--json").out());
    assertThat(ev.path("accuracy").asDouble()).isGreaterThan(0.9);

    Path s = dir.resolve("s.softclass");
    ok(
        "ensemble",
        "--model",
        a.toString(),
        "--model",
        b.toString(),
        "--stack",
        "--data",
        wine.toString(),
        "--cv",
        "3",
        "--output",
        s.toString());
    assertThat(ok("eval", "--model", s.toString(), "--data", wine.toString()).out())
        .contains("accuracy");
    CliRunner.Result bad =
        CliRunner.run(
            "ensemble",
            "--model",
            a.toString(),
            "--model",
            b.toString(),
            "--stack",
            "--output",
            s.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("--stack needs --data");
    CliRunner.Result inspect = CliRunner.run("inspect", "--model", e.toString());
    assertThat(inspect.exitCode()).isEqualTo(1);
    assertThat(inspect.err()).contains("is an ensemble of models, not a single model");
  }
}
