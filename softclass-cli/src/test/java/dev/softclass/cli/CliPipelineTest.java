package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train's pipeline and imbalance options, --explain, and predict on raw rows. */
class CliPipelineTest {
  @TempDir Path dir;
  private Path data;

  @BeforeEach
  void writeData() throws IOException {
    StringBuilder csv = new StringBuilder("label,age,colour,const\n");
    String[] colours = {"red", "blue", "green", ""};
    for (int i = 0; i < 60; i++) {
      String label = i % 12 == 0 ? "rare" : (i % 10 > 4 ? "yes" : "no");
      String age = i % 9 == 4 ? "" : Integer.toString(20 + i % 10);
      csv.append(label).append(',').append(age).append(',').append(colours[i % 4]).append(",1\n");
    }
    data = dir.resolve("people.csv");
    Files.writeString(data, csv);
  }

  @Test
  void explainSaysWhatThePipelineDidToEachColumn() {
    Path model = dir.resolve("m.softclass");
    CliRunner.Result r =
        CliRunner.ok(
            "train",
            "--data",
            data.toString(),
            "--model",
            model.toString(),
            "--explain",
            "--drop-constant",
            "--missing-indicator",
            "--impute",
            "median",
            "--scale",
            "robust");
    assertThat(r.out())
        .contains("pipeline: 3 raw columns -> 6 model inputs")
        // ages 20..29, 53 observed: median 25, quartiles 22 and 27 (worked out by hand)
        .contains("age     numeric; 7 missing, imputed with median 25.0000;")
        .contains("scaled robust: (x - 25.0000) / 5.00000")
        .contains("+ missing indicator age_missing")
        .contains("colour  categorical; one-hot into 3 columns [blue, green, red]")
        .contains("imputed with most_frequent 'blue'")
        .contains("const   dropped as constant");
  }

  @Test
  void predictTakesRawRowsWithStringsAndEmptyCells() throws IOException {
    Path model = dir.resolve("m.softclass");
    CliRunner.ok("train", "--data", data.toString(), "--model", model.toString());
    Path rows = dir.resolve("rows.csv");
    Files.writeString(rows, "colour,age,const\nred,25,1\npurple,,1\n,,\n");

    CliRunner.Result r =
        CliRunner.ok("predict", "--model", model.toString(), "--data", rows.toString());
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).isEqualTo("label,p_no,p_rare,p_yes");
  }

  @Test
  void imbalanceWarningAndItsRemedies() throws IOException {
    StringBuilder csv = new StringBuilder("label,x\n");
    for (int i = 0; i < 100; i++) {
      csv.append(i < 3 ? "rare" : "common")
          .append(',')
          .append(i % 7 + (i < 3 ? 5 : 0))
          .append('\n');
    }
    Path skewed = dir.resolve("skewed.csv");
    Files.writeString(skewed, csv);
    Path model = dir.resolve("s.softclass");

    CliRunner.Result plain =
        CliRunner.run("train", "--data", skewed.toString(), "--model", model.toString());
    assertThat(plain.err()).contains("class 'rare' has only 3 of the 100 training rows");

    for (String[] remedy :
        List.of(
            new String[] {"--class-weight", "balanced"},
            new String[] {"--class-weight", "rare=10,common=1"},
            new String[] {"--resample", "smote", "--smote-k", "2"},
            new String[] {"--resample", "under"})) {
      CliRunner.Result r =
          CliRunner.ok(
              "train",
              "--data",
              skewed.toString(),
              "--model",
              model.toString(),
              "--json",
              remedy[0],
              remedy[1],
              remedy.length > 2 ? remedy[2] : "--seed",
              remedy.length > 2 ? remedy[3] : "1");
      assertThat(r.err()).doesNotContain("has only");
      JsonNode summary = r.json();
      assertThat(summary.path("class_weight").asText())
          .isEqualTo(remedy[0].equals("--class-weight") ? remedy[1] : "none");
      if (remedy[1].equals("smote")) {
        assertThat(summary.path("rows_resampled").asInt()).isEqualTo(194);
      }
    }
  }

  @Test
  void badImbalanceOptionsAreUserErrors() {
    Path model = dir.resolve("x.softclass");
    CliRunner.Result r =
        CliRunner.run(
            "train",
            "--data",
            data.toString(),
            "--model",
            model.toString(),
            "--class-weight",
            "maybe=2");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("'maybe'").contains("[no, rare, yes]");

    CliRunner.Result bad =
        CliRunner.run(
            "train", "--data", data.toString(), "--model", model.toString(), "--resample", "more");
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("expected over, under, smote or none");
  }
}
