package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code split} of fastText text and {@code eval --k} (top-K accuracy) through the CLI. */
class CliTopKAndTextSplitTest {
  private static final String[] LANGUAGES = {"en", "de", "fr", "nl", "sv"};
  private static final String[][] WORDS = {
    {"the", "and", "of", "human", "rights", "freedom", "everyone", "shall"},
    {"der", "und", "die", "menschen", "rechte", "freiheit", "jeder", "hat"},
    {"le", "et", "les", "droits", "homme", "liberté", "toute", "personne"},
    {"de", "en", "het", "mensen", "rechten", "vrijheid", "iedereen", "heeft"},
    {"och", "att", "det", "människor", "rättigheter", "frihet", "alla", "har"}
  };

  @TempDir Path dir;

  /**
   * 40 lines per language; words come from the line's language with probability {@code purity},
   * else from any language, so a weak model confuses some lines.
   */
  private Path languages(String name, double purity) throws IOException {
    Random random = new Random(7);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      for (int l = 0; l < LANGUAGES.length; l++) {
        StringBuilder sb = new StringBuilder("__label__" + LANGUAGES[l]);
        for (int j = 0; j < 4; j++) {
          String[] from = random.nextDouble() < purity ? WORDS[l] : WORDS[random.nextInt(5)];
          sb.append(' ').append(from[random.nextInt(from.length)]);
        }
        lines.add(sb.toString());
      }
    }
    return Files.write(dir.resolve(name), lines);
  }

  private static String labelOf(String line) {
    return line.substring("__label__".length(), line.indexOf(' '));
  }

  @Test
  void splitOfFastTextKeepsTheLinesAndEachLabelsShare() throws IOException {
    Path data = languages("lang.ft.txt", 1.0);
    Path out = dir.resolve("parts");
    CliRunner.Result r =
        CliRunner.ok(
            "split",
            "--data",
            data.toString(),
            "--test-size",
            "0.25",
            "--validation-size",
            "0.25",
            "--output-dir",
            out.toString());
    List<String> train = Files.readAllLines(out.resolve("train.ft.txt"));
    List<String> test = Files.readAllLines(out.resolve("test.ft.txt"));
    List<String> validation = Files.readAllLines(out.resolve("validation.ft.txt"));
    List<String> together = new ArrayList<>(train);
    together.addAll(test);
    together.addAll(validation);
    assertThat(together).containsExactlyInAnyOrderElementsOf(Files.readAllLines(data));
    // 40 lines per language: 10 of each in test, 10 in validation (a quarter of all, stratified)
    for (List<String> part : List.of(test, validation)) {
      Map<String, Integer> counts = new HashMap<>();
      part.forEach(line -> counts.merge(labelOf(line), 1, Integer::sum));
      assertThat(counts).hasSize(5).allSatisfy((label, count) -> assertThat(count).isEqualTo(10));
    }
    assertThat(r.out()).contains("train.ft.txt", "test.ft.txt", "validation.ft.txt");

    Path noLabel = Files.writeString(dir.resolve("bad.ft.txt"), "__label__a one\ntwo words\n");
    CliRunner.Result bad =
        CliRunner.run("split", "--data", noLabel.toString(), "--output-dir", out.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("bad.ft.txt, line 2", "__label__").doesNotContain("Exception");
  }

  @Test
  void textTopKAccuracyCountsTheLabelsAmongTheKMostProbable() throws IOException {
    for (String loss : List.of("softmax", "hs")) {
      Path data = languages("noisy-" + loss + ".ft.txt", 0.5);
      Path model = dir.resolve(loss + ".softclass");
      CliRunner.ok(
          "train",
          "--model-type",
          "text",
          "--data",
          data.toString(),
          "--model",
          model.toString(),
          "--dim",
          "8",
          "--loss",
          loss,
          "--epochs",
          "2",
          "--lr",
          "0.2");
      List<String> lines = Files.readAllLines(data);
      for (int k = 1; k <= 5; k++) {
        CliRunner.Result eval =
            CliRunner.ok(
                "eval",
                "--model",
                model.toString(),
                "--data",
                data.toString(),
                "--k",
                Integer.toString(k),
                "--json");
        JsonNode e = eval.json();
        double topK = e.get("top_k_accuracy").get(Integer.toString(k)).asDouble();
        CliRunner.Result predict =
            CliRunner.run(
                "predict",
                "--model",
                model.toString(),
                "--data",
                data.toString(),
                "--k",
                Integer.toString(k));
        String[] predicted = predict.out().split("\n");
        int hits = 0;
        for (int i = 0; i < lines.size(); i++) {
          hits +=
              Arrays.asList(predicted[i].split(" ")).contains(lines.get(i).split(" ")[0]) ? 1 : 0;
        }
        assertThat(topK)
            .as(loss + " top-" + k)
            .isCloseTo((double) hits / lines.size(), within(1e-12));
        if (k == 1) {
          assertThat(topK).isEqualTo(e.get("accuracy").asDouble()).isLessThan(1.0);
        }
        if (k == 5) {
          assertThat(topK).isEqualTo(1.0);
        }
      }
      CliRunner.Result text =
          CliRunner.run("eval", "--model", model.toString(), "--data", data.toString(), "--k", "3");
      assertThat(text.out()).contains("top-3 accuracy");
    }
  }

  @Test
  void linearTopKAccuracyAndRefusals() throws IOException {
    Path wine = BundledData.wine(dir);
    Path model = dir.resolve("wine.softclass");
    CliRunner.ok("train", "--data", wine.toString(), "--model", model.toString());
    CliRunner.Result json =
        CliRunner.run(
            "eval", "--model", model.toString(), "--data", wine.toString(), "--k", "3", "--json");
    JsonNode top = json.json().get("top_k_accuracy");
    assertThat(top.get("3").asDouble()).isEqualTo(1.0); // three classes
    CliRunner.Result one =
        CliRunner.run("eval", "--model", model.toString(), "--data", wine.toString(), "--k", "1");
    String accuracy = one.out().split("accuracy ")[1].split(" ")[0];
    assertThat(one.out()).contains("top-1 accuracy " + accuracy);

    CliRunner.Result zero =
        CliRunner.run("eval", "--model", model.toString(), "--data", wine.toString(), "--k", "0");
    assertThat(zero.exitCode()).isEqualTo(1);
    assertThat(zero.err()).contains("--k must be at least 1").doesNotContain("Exception");
  }
}
