package dev.softclass.cli;

import static dev.softclass.cli.CliRunner.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --task multilabel, predict, eval and calibrate of a multi-label model. */
class CliMultiLabelTest {
  @TempDir Path dir;

  /** Labels a, b, c each decided by its own linear rule plus noise; "none" when no rule fires. */
  private Path data(String name, int n, long seed) throws IOException {
    Random random = new Random(seed);
    StringBuilder csv = new StringBuilder("x1,x2,x3,label\n");
    for (int i = 0; i < n; i++) {
      double x1 = random.nextGaussian();
      double x2 = random.nextGaussian();
      double x3 = random.nextGaussian();
      List<String> labels = new ArrayList<>();
      if (x1 + 0.3 * random.nextGaussian() > 0) {
        labels.add("a");
      }
      if (x2 + 0.3 * random.nextGaussian() > 0.8) {
        labels.add("b");
      }
      if (x1 - x3 + 0.3 * random.nextGaussian() > 0.5) {
        labels.add("c");
      }
      if (labels.isEmpty()) {
        labels.add("none");
      }
      csv.append(
          String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%s%n", x1, x2, x3, String.join(";", labels)));
    }
    Path p = dir.resolve(name);
    Files.writeString(p, csv);
    return p;
  }

  @Test
  void trainPredictEvalAndCalibrate() throws Exception {
    Path train = data("train.csv", 400, 1);
    Path valid = data("valid.csv", 200, 2);
    Path test = data("test.csv", 200, 3);
    Path model = dir.resolve("m.softclass");
    CliRunner.Result trained =
        ok(
            "train",
            "--data",
            train.toString(),
            "--model",
            model.toString(),
            "--task",
            "multilabel",
            "--json");
    JsonNode summary = trained.json();
    assertThat(summary.get("task").asText()).isEqualTo("multilabel");
    assertThat(summary.get("head").asText()).isEqualTo("independent_sigmoid");
    assertThat(summary.get("train_micro_f1").asDouble()).isGreaterThan(0.8);

    CliRunner.Result predicted =
        ok("predict", "--model", model.toString(), "--data", test.toString());
    String[] lines = predicted.out().split("\n");
    assertThat(lines[0]).isEqualTo("label,p_a,p_b,p_c,p_none");
    assertThat(lines).hasSize(201);
    assertThat(predicted.out()).contains("a;c");

    JsonNode eval =
        ok("eval", "--model", model.toString(), "--data", test.toString(), "--json").json();
    for (String key :
        List.of(
            "subset_accuracy",
            "hamming_loss",
            "micro_f1",
            "macro_f1",
            "samples_f1",
            "weighted_f1",
            "lrap",
            "coverage_error",
            "per_label")) {
      assertThat(eval.has(key)).as(key).isTrue();
    }
    assertThat(eval.get("micro_f1").asDouble()).isGreaterThan(0.8);
    assertThat(eval.get("per_label").get("b").get("roc_auc").asDouble()).isGreaterThan(0.9);
    assertThat(ok("eval", "--model", model.toString(), "--data", test.toString()).out())
        .contains("subset accuracy")
        .contains("Hamming loss");

    Path tuned = dir.resolve("tuned.softclass");
    JsonNode cal =
        ok(
                "calibrate",
                "--model",
                model.toString(),
                "--data",
                valid.toString(),
                "--method",
                "platt",
                "--threshold",
                "f1",
                "--at-least-one",
                "--output",
                tuned.toString(),
                "--json")
            .json();
    assertThat(cal.get("decision").get("per_label").size()).isEqualTo(4);
    assertThat(cal.get("decision").get("at_least_one").asBoolean()).isTrue();
    JsonNode after =
        ok("eval", "--model", tuned.toString(), "--data", test.toString(), "--json").json();
    assertThat(after.get("per_label").get("a").get("threshold").asDouble())
        .isEqualTo(cal.get("decision").get("per_label").get("a").asDouble());
    assertThat(after.get("micro_f1").asDouble()).isGreaterThan(0.8);

    System.setProperty("java.awt.headless", "true");
    Path report = dir.resolve("report");
    ok(
        "report",
        "--model",
        tuned.toString(),
        "--data",
        test.toString(),
        "--output",
        report.toString());
    String page = Files.readString(report.resolve("index.html"));
    assertThat(page)
        .contains("Hamming loss")
        .contains("per-label thresholds")
        .contains("Platt scaling per label");
    assertThat(Files.size(report.resolve("per_label.png"))).isGreaterThan(1000);

    CliRunner.Result cv =
        ok(
            "calibrate",
            "--model",
            model.toString(),
            "--data",
            train.toString(),
            "--cv",
            "3",
            "--threshold",
            "f1",
            "--output",
            dir.resolve("cv.softclass").toString());
    assertThat(cv.out()).contains("3-fold out-of-fold");
  }

  @Test
  void autoTaskDetectsLabelSetsAndSoftmaxIsRefused() throws Exception {
    Path train = data("train.csv", 100, 4);
    Path model = dir.resolve("m.softclass");
    CliRunner.Result auto = ok("train", "--data", train.toString(), "--model", model.toString());
    assertThat(auto.err()).contains("several labels");
    assertThat(auto.out()).contains("trained multilabel");

    CliRunner.Result softmax =
        CliRunner.run(
            "train", "--data", train.toString(), "--model", model.toString(), "--head", "softmax");
    assertThat(softmax.exitCode()).isEqualTo(1);
    assertThat(softmax.err()).contains("sum to 1").contains("independent sigmoids");

    CliRunner.Result temperature =
        CliRunner.run(
            "calibrate",
            "--model",
            model.toString(),
            "--data",
            train.toString(),
            "--method",
            "temperature",
            "--output",
            dir.resolve("x.softclass").toString());
    assertThat(temperature.exitCode()).isEqualTo(1);
    assertThat(temperature.err()).contains("--method platt");
  }
}
