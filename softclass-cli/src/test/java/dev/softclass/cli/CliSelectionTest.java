package dev.softclass.cli;

import static dev.softclass.cli.CliRunner.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tune and ensemble through the command line; predict and eval on an ensemble file. */
class CliSelectionTest {
  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void tunePrintsTheTableAndSavesTheRefittedBest() throws IOException {
    Path wine = BundledData.wine(dir);
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
    JsonNode info = ok("inspect", "--model", best.toString(), "--json").json();
    assertThat(info.at("/training/l2").asDouble()).isEqualTo(res.at("/best/l2").asDouble());
    assertThat(info.at("/metrics/cv_metric").asText()).isEqualTo("log_loss");
  }

  @Test
  void tuneMistakesAreUserErrors() throws IOException {
    Path wine = BundledData.wine(dir);
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
    Path wine = BundledData.wine(dir);
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
    JsonNode ev = ok("eval", "--model", e.toString(), "--data", wine.toString(), "--json").json();
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
