package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitCommandTest {
  @TempDir Path dir;

  /** Class counts of a part: the label is wine.csv's first column. */
  private static Map<String, Integer> counts(List<String> lines) {
    Map<String, Integer> c = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      c.merge(line.substring(0, line.indexOf(',')), 1, Integer::sum);
    }
    return c;
  }

  @Test
  void partsAreDisjointStratifiedCopiesOfTheLines() throws IOException {
    Path wine = BundledData.wine(dir);
    Path out = dir.resolve("parts");
    CliRunner.Result r =
        CliRunner.ok(
            "split",
            "--data",
            wine.toString(),
            "--test-size",
            "0.2",
            "--validation-size",
            "0.2",
            "--output-dir",
            out.toString());

    List<String> all = Files.readAllLines(wine);
    List<String> train = Files.readAllLines(out.resolve("train.csv"));
    List<String> test = Files.readAllLines(out.resolve("test.csv"));
    List<String> validation = Files.readAllLines(out.resolve("validation.csv"));
    for (List<String> part : List.of(train, test, validation)) {
      assertThat(part.get(0)).isEqualTo(all.get(0));
    }
    List<String> together = new ArrayList<>(train.subList(1, train.size()));
    together.addAll(test.subList(1, test.size()));
    together.addAll(validation.subList(1, validation.size()));
    assertThat(together).containsExactlyInAnyOrderElementsOf(all.subList(1, all.size()));
    // wine has 59, 71 and 48 rows per class: 20 % of each in test, 20 % of all in validation
    assertThat(counts(test))
        .containsExactlyInAnyOrderEntriesOf(Map.of("class_0", 12, "class_1", 14, "class_2", 10));
    assertThat(validation.size() - 1).isBetween(34, 38);
    assertThat(r.out()).contains("train", "test", "validation");
  }

  @Test
  void sameSeedSameSplitAndBadSizesAreRefused() throws IOException {
    Path wine = BundledData.wine(dir);
    CliRunner.run("split", "--data", wine.toString(), "--output-dir", dir.resolve("a").toString());
    CliRunner.run("split", "--data", wine.toString(), "--output-dir", dir.resolve("b").toString());
    assertThat(Files.readAllLines(dir.resolve("a/test.csv")))
        .isEqualTo(Files.readAllLines(dir.resolve("b/test.csv")));

    CliRunner.Result bad =
        CliRunner.run(
            "split",
            "--data",
            wine.toString(),
            "--test-size",
            "0.6",
            "--validation-size",
            "0.5",
            "--output-dir",
            dir.resolve("c").toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("together below 1").doesNotContain("Exception");
  }
}
