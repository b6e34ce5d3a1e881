package dev.softclass.cli;

import static dev.softclass.cli.CliRunner.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate, thresholds, eval's metrics and report, through the command line. */
class CliCalibrationTest {
  @TempDir Path dir;

  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /** Two overlapping Gaussian classes "ham" and "spam" in 3 features. */
  private Path binary(String name, int n, long seed) throws IOException {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("x1,x2,x3,label\n");
    for (int i = 0; i < n; i++) {
      boolean spam = i % 3 == 0;
      double shift = spam ? 1.0 : 0.0;
      csv.append(
          String.format(
              java.util.Locale.ROOT,
              "%.4f,%.4f,%.4f,%s%n",
              shift + random.nextGaussian(),
              shift + random.nextGaussian(),
              random.nextGaussian(),
              spam ? "spam" : "ham"));
    }
    Path p = dir.resolve(name);
    Files.writeString(p, csv);
    return p;
  }

  @Test
  void calibrateEvalInspectAndReportAMultiClassModel() throws IOException {
    Path wine = BundledData.wine(dir);
    Path raw = dir.resolve("raw.softclass");
    Path calibrated = dir.resolve("calibrated.softclass");
    ok("train", "--data", wine.toString(), "--model", raw.toString(), "--l2", "1e-6");

    JsonNode c =
        ok(
                "calibrate",
                "--model",
                raw.toString(),
                "--data",
                wine.toString(),
                "--cv",
                "3",
                "--output",
                calibrated.toString(),
                "--json")
            .json();
    assertThat(c.path("method").asText()).isEqualTo("temperature");
    assertThat(c.at("/parameters/temperature").asDouble()).isGreaterThan(1.0);
    assertThat(c.path("log_loss_after").asDouble())
        .isLessThan(c.path("log_loss_before").asDouble());

    JsonNode e =
        ok("eval", "--model", calibrated.toString(), "--data", wine.toString(), "--json").json();
    for (String key :
        List.of(
            "accuracy",
            "balanced_accuracy",
            "macro_f1",
            "micro_f1",
            "weighted_f1",
            "log_loss",
            "brier",
            "roc_auc",
            "average_precision",
            "top_k_accuracy",
            "ece",
            "mce",
            "per_class",
            "confusion",
            "reliability")) {
      assertThat(e.has(key)).as(key).isTrue();
    }
    assertThat(e.at("/top_k_accuracy/2").asDouble()).isBetween(0.9, 1.0);
    assertThat(e.at("/reliability/equal_width").isArray()).isTrue();
    assertThat(e.at("/per_class/class_0/roc_auc").asDouble()).isGreaterThan(0.9);

    JsonNode info = ok("inspect", "--model", calibrated.toString(), "--json").json();
    assertThat(info.path("format_version").asInt()).isEqualTo(2);
    assertThat(info.at("/calibration/method").asText()).isEqualTo("temperature");
    assertThat(ok("inspect", "--model", calibrated.toString()).out())
        .contains("calibration   temperature");

    Path report = dir.resolve("report");
    CliRunner.Result r =
        ok(
            "report",
            "--model",
            calibrated.toString(),
            "--data",
            wine.toString(),
            "--output",
            report.toString());
    assertThat(r.out()).contains("wrote " + report.resolve("index.html"));
    assertThat(Files.readString(report.resolve("index.html"))).contains("temperature scaling");
    assertThat(report.resolve("reliability.png")).isNotEmptyFile();
  }

  @Test
  void aBinaryThresholdIsStoredAndUsedByPredictAndEval() throws IOException {
    Path train = binary("train.csv", 300, 1);
    Path valid = binary("valid.csv", 300, 2);
    Path test = binary("test.csv", 150, 3);
    Path raw = dir.resolve("raw.softclass");
    Path tuned = dir.resolve("tuned.softclass");
    ok("train", "--data", train.toString(), "--model", raw.toString());

    JsonNode c =
        ok(
                "calibrate",
                "--model",
                raw.toString(),
                "--data",
                valid.toString(),
                "--method",
                "platt",
                "--threshold",
                "recall:0.9",
                "--output",
                tuned.toString(),
                "--json")
            .json();
    double t = c.at("/threshold/value").asDouble();
    assertThat(c.at("/threshold/recall").asDouble()).isGreaterThanOrEqualTo(0.9);
    assertThat(t).isBetween(0.0, 0.5); // a recall target pushes the threshold down

    List<String> lines = CliRunner.predictToFile(tuned, test, dir.resolve("pred.csv"));
    assertThat(lines.get(0)).isEqualTo("label,p_ham,p_spam");
    int spam = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double pSpam = Double.parseDouble(f[2]);
      assertThat(f[0]).isEqualTo(pSpam >= (float) t ? "spam" : "ham");
      spam += f[0].equals("spam") ? 1 : 0;
    }
    assertThat(spam).isGreaterThan(50); // more than the 50 true spam rows: recall first

    JsonNode e =
        ok("eval", "--model", tuned.toString(), "--data", test.toString(), "--json").json();
    assertThat(e.path("threshold").asDouble()).isEqualTo(t);
    assertThat(e.at("/per_class/spam/recall").asDouble()).isGreaterThan(0.8);
    assertThat(ok("eval", "--model", tuned.toString(), "--data", test.toString()).out())
        .contains("decisions: spam when its probability >=");
    assertThat(
            ok("inspect", "--model", tuned.toString(), "--json")
                .json()
                .at("/decision/criterion")
                .asText())
        .isEqualTo("recall:0.9");

    Path plain = dir.resolve("plain.softclass");
    ok(
        "calibrate",
        "--model",
        tuned.toString(),
        "--data",
        valid.toString(),
        "--method",
        "none",
        "--output",
        plain.toString());
    JsonNode none = ok("inspect", "--model", plain.toString(), "--json").json();
    assertThat(none.has("calibration") || none.has("decision")).isFalse();
    assertThat(none.path("format_version").asInt()).isEqualTo(1);
    double[] p = firstProbabilities(plain, test);
    double[] q = firstProbabilities(raw, test);
    assertThat(p).containsExactly(q, within(0.0));
  }

  private double[] firstProbabilities(Path model, Path data) throws IOException {
    String[] f = CliRunner.predictToFile(model, data, dir.resolve("first.csv")).get(1).split(",");
    return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
  }

  @Test
  void calibrationMistakesAreUserErrors() throws IOException {
    Path wine = BundledData.wine(dir);
    Path model = dir.resolve("wine.softclass");
    ok("train", "--data", wine.toString(), "--model", model.toString());
    String out = dir.resolve("x.softclass").toString();
    String[][] cases = {
      {"--method", "platt"},
      {"--method", "beta"},
      {"--threshold", "f1"},
      {"--cv", "1"},
    };
    String[] messages = {
      "Platt scaling is for binary models",
      "unknown calibration method 'beta'",
      "--threshold is for binary models",
      "at least 2 folds",
    };
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[8 + cases[i].length];
      String[] base = {
        "calibrate",
        "--model",
        model.toString(),
        "--data",
        wine.toString(),
        "--output",
        out,
        "--json"
      };
      System.arraycopy(base, 0, args, 0, base.length);
      args[base.length] = cases[i][0];
      args[base.length + 1] = cases[i][1];
      CliRunner.Result r = CliRunner.run(java.util.Arrays.copyOf(args, base.length + 2));
      assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).startsWith("error: ").contains(messages[i]).doesNotContain("\tat ");
    }
    assertThat(Path.of(out)).doesNotExist();
  }
}
