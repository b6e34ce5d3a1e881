package dev.softclass.cli;

import static dev.softclass.cli.CliRunner.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --loss ova on multi-label text, predict --min-prob --k, eval --json, and the errors. */
class CliTextMultiLabelTest {
  private static final String[] TOPICS = {"sports", "politics", "music", "food"};
  private static final String[][] TRIGGERS = {
    {"goal", "coach", "stadium"},
    {"vote", "senate", "minister"},
    {"guitar", "album", "concert"},
    {"recipe", "bread", "cheese"}
  };
  private static final String[] FILLER = "the a of and to in is it for on with".split(" ");

  @TempDir Path dir;

  /**
   * {@code n} lines from a seeded RNG: one or two topics, two trigger words of each, and filler
   * words; the labels are the topics.
   */
  private Path data(String name, int n, long seed) throws IOException {
    Random r = new Random(seed);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int first = r.nextInt(TOPICS.length);
      int second = r.nextBoolean() ? (first + 1 + r.nextInt(TOPICS.length - 1)) % 4 : -1;
      StringBuilder line = new StringBuilder("__label__" + TOPICS[first]);
      List<String> words = new ArrayList<>();
      words.add(TRIGGERS[first][r.nextInt(3)]);
      words.add(TRIGGERS[first][r.nextInt(3)]);
      if (second >= 0) {
        line.append(" __label__").append(TOPICS[second]);
        words.add(TRIGGERS[second][r.nextInt(3)]);
        words.add(TRIGGERS[second][r.nextInt(3)]);
      }
      for (int f = 2 + r.nextInt(4); f > 0; f--) {
        words.add(FILLER[r.nextInt(FILLER.length)]);
      }
      java.util.Collections.shuffle(words, r);
      lines.add(line + " " + String.join(" ", words));
    }
    return Files.write(dir.resolve(name), lines);
  }

  @Test
  void trainPredictLabelSetsAndEvaluate() throws Exception {
    Path train = data("train.txt", 400, 1);
    Path test = data("test.txt", 100, 2);
    Path model = dir.resolve("topics.softclass");
    CliRunner.Result trained =
        TextFixtures.train(
            train,
            model,
            "--loss",
            "ova",
            "--dim",
            "8",
            "--epochs",
            "10",
            "--lr",
            "0.5",
            "--threads",
            "1",
            "--json");
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    JsonNode summary = trained.json();
    assertThat(summary.get("task").asText()).isEqualTo("multilabel");
    assertThat(summary.get("head").asText()).isEqualTo("ova");
    assertThat(summary.get("probabilities").asText()).isEqualTo("sigmoid");

    Path input = Files.writeString(dir.resolve("in.txt"), "coach guitar the goal album\nthe a\n");
    String[] lines =
        ok("predict", "--model", model.toString(), "--data", input.toString())
            .out()
            .split("\n", -1);
    // Default threshold 0.5: both topics of the first line, most probable first; the second line
    // has no trigger word.
    assertThat(labels(lines[0])).containsExactlyInAnyOrder("sports", "music");
    assertThat(lines[1]).isEmpty();
    String[] all =
        ok("predict", "--model", model.toString(), "--data", input.toString(), "--min-prob", "0")
            .out()
            .split("\n");
    assertThat(labels(all[0])).hasSize(4);
    assertThat(probabilities(all[0])).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    String[] one =
        ok(
                "predict",
                "--model",
                model.toString(),
                "--data",
                input.toString(),
                "--min-prob",
                "0",
                "--k",
                "1")
            .out()
            .split("\n");
    assertThat(labels(one[0])).containsExactly(labels(all[0]).get(0));

    JsonNode eval =
        ok("eval", "--model", model.toString(), "--data", test.toString(), "--json", "--k", "2")
            .json();
    for (String key :
        List.of(
            "task",
            "n",
            "subset_accuracy",
            "hamming_loss",
            "micro_precision",
            "micro_recall",
            "micro_f1",
            "macro_f1",
            "samples_f1",
            "lrap",
            "coverage_error",
            "per_label",
            "label_log_loss",
            "precision_at_k",
            "recall_at_k",
            "unseen_labels")) {
      assertThat(eval.has(key)).as(key).isTrue();
    }
    assertThat(eval.get("task").asText()).isEqualTo("multilabel");
    assertThat(eval.get("n").asInt()).isEqualTo(100);
    assertThat(eval.get("micro_f1").asDouble()).isGreaterThan(0.9);
    assertThat(eval.get("recall_at_k").get("2").asDouble()).isGreaterThan(0.9);
    assertThat(eval.get("per_label").get("music").get("log_loss").asDouble()).isPositive();
    String table = ok("eval", "--model", model.toString(), "--data", test.toString()).out();
    assertThat(table).contains("subset accuracy").contains("P@1").contains("R@1");

    JsonNode inspected = ok("inspect", "--model", model.toString(), "--json").json();
    assertThat(inspected.toString()).contains("\"multilabel\"");
  }

  @Test
  void softmaxOnMultiLabelTextIsAGuardRailError() throws Exception {
    Path train = data("train.txt", 50, 3);
    CliRunner.Result r = TextFixtures.train(train, dir.resolve("m.softclass"), "--dim", "4");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err())
        .contains("train.txt is multi-label data (line")
        .contains("--loss softmax learns one label per line")
        .contains("Use --loss ova")
        .doesNotContain("Exception");
    assertThat(dir.resolve("m.softclass")).doesNotExist();
  }

  @Test
  void calibrateChoosesTheLabelDecisionOnHeldOutLines() throws Exception {
    Path train = data("train.txt", 200, 4);
    Path heldOut = data("heldout.txt", 100, 5);
    Path model =
        TextFixtures.trainTextModel(
            train, dir.resolve("m.softclass"), "--loss", "ova", "--dim", "4", "--threads", "1");
    Path tuned = dir.resolve("tuned.softclass");
    JsonNode r =
        ok(
                "calibrate",
                "--model",
                model.toString(),
                "--data",
                heldOut.toString(),
                "--threshold",
                "f1",
                "--top-k",
                "2",
                "--output",
                tuned.toString(),
                "--json")
            .json();
    assertThat(r.get("decision").get("criterion").asText()).isEqualTo("f1");
    assertThat(r.get("decision").get("per_label")).hasSize(TOPICS.length);
    assertThat(r.get("decision").get("top_k").asInt()).isEqualTo(2);
    // Per-label max-F1 thresholds on these lines cannot do worse there than the global 0.5.
    assertThat(r.get("macro_f1_after").asDouble())
        .isGreaterThanOrEqualTo(r.get("macro_f1_before").asDouble() - 1e-12);
    JsonNode eval =
        ok("eval", "--model", tuned.toString(), "--data", heldOut.toString(), "--json").json();
    assertThat(eval.get("macro_f1").asDouble())
        .isCloseTo(
            r.get("macro_f1_after").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(eval.get("per_label").get("music").get("threshold").asDouble())
        .isEqualTo(r.get("decision").get("per_label").get("music").asDouble());

    CliRunner.Result temperature =
        CliRunner.run(
            "calibrate",
            "--model",
            model.toString(),
            "--data",
            heldOut.toString(),
            "--method",
            "temperature",
            "--output",
            dir.resolve("t.softclass").toString());
    assertThat(temperature.exitCode()).isNotZero();
    assertThat(temperature.err()).contains("multi-label text model").contains("--method none");
  }

  private static List<String> labels(String line) {
    String[] t = line.isBlank() ? new String[0] : line.split(" ");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.length; i += 2) {
      out.add(t[i].substring("__label__".length()));
    }
    return out;
  }

  private static List<Double> probabilities(String line) {
    String[] t = line.split(" ");
    List<Double> out = new ArrayList<>();
    for (int i = 1; i < t.length; i += 2) {
      out.add(Double.parseDouble(t[i]));
    }
    return Arrays.asList(out.toArray(Double[]::new));
  }
}
