package dev.softclass.bench.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkPageTest {
  @TempDir Path dir;

  private static ResultRow row(String system, double accuracy, double logLoss, double seconds) {
    return new ResultRow(
        "d", system, "ok", "", accuracy, accuracy, logLoss, 0, seconds, 0.1, 100, 1);
  }

  @Test
  void ranksTheBestSoftclassRowAgainstTheOtherSystems() {
    List<ResultRow> rows =
        List.of(
            row("sklearn", 0.95, 0.20, 1.0),
            row("liblinear", 0.90, 0.30, 0.5),
            row("softclass", 0.93, 0.10, 2.0),
            row("softclass-sgd", 0.96, 0.25, 0.4),
            new ResultRow(
                "d", "weka", "timeout", "", Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0, 1));
    Ranks.Rank accuracy = Ranks.highest(rows, ResultRow::accuracy);
    assertThat(accuracy.row().system()).isEqualTo("softclass-sgd");
    assertThat(accuracy.rank()).isEqualTo(1);
    assertThat(accuracy.of()).isEqualTo(3);
    Ranks.Rank time = Ranks.lowest(rows, ResultRow::trainSeconds);
    assertThat(time.row().system()).isEqualTo("softclass-sgd");
    assertThat(time.rank()).isEqualTo(1);
    assertThat(Ranks.lowest(rows.subList(0, 2), ResultRow::logLoss)).isNull();
    Ranks.Rank loss = Ranks.lowest(List.of(rows.get(0), rows.get(3)), ResultRow::logLoss);
    assertThat(loss.rank()).isEqualTo(2);
  }

  @Test
  void eceOfFullAndTopKProbabilityRows() throws Exception {
    // Two rows, confidence 0.9 (right) and 0.6 (wrong): bins 13 and 9 of 15; ECE = (0.1 + 0.6)/2
    Path probs = dir.resolve("probs.txt");
    Files.writeString(probs, "0.9 0.1 0\n0.2 0.6 0.2\n");
    assertThat(TopClassCalibration.ece(probs, new int[] {0, 2})).isCloseTo(0.35, within(1e-12));
    // per-label scores are renormalised, top-k rows are not: 0.45/0.5 = 0.9 and 0.6
    Files.writeString(probs, "0.45 0.05 0\n1:0.6 0:0.1\n");
    assertThat(TopClassCalibration.ece(probs, new int[] {0, 2})).isCloseTo(0.35, within(1e-12));
    assertThat(TopClassCalibration.ece(probs, new int[] {0})).isNaN();
  }

  @Test
  void readsTrueClassesFromTheSplit() throws Exception {
    Files.writeString(dir.resolve("test.libsvm"), "2 1:0.5\n0 3:1\n");
    assertThat(SplitLabels.read(dir)).containsExactly(2, 0);
    Files.writeString(dir.resolve("test.libsvm"), "2,3 1:0.5\n");
    assertThat(SplitLabels.read(dir)).isNull();
  }

  @Test
  void writesThePageWithATablePerDatasetAndTheSummary() throws Exception {
    Path work = dir.resolve("work");
    Path split = Files.createDirectories(work.resolve("splits/toy"));
    Files.writeString(split.resolve("test.libsvm"), "0 1:1\n1 1:2\n");
    Path results = Files.createDirectories(work.resolve("results"));
    Path sc = Files.createDirectories(results.resolve("toy/softclass"));
    Files.writeString(sc.resolve("probs.txt"), "0.8 0.2\n0.3 0.7\n");
    String common =
        "\"dataset\": \"toy\", \"n_train\": 8, \"n_test\": 2, \"d\": 1, \"K\": 2,"
            + " \"split\": \"s\", \"tag\": \"t\", \"when\": \"2026-01-01 00:00:00\", \"loadavg\": 1.0";
    Files.writeString(
        results.resolve("results.jsonl"),
        "{"
            + common
            + ", \"system\": \"sklearn\", \"status\": \"ok\", \"accuracy\": 0.5,"
            + " \"macro_f1\": 0.5, \"log_loss\": 0.6, \"train_wall_s\": 0.1}\n"
            + "{"
            + common
            + ", \"system\": \"softclass\", \"status\": \"ok\", \"accuracy\": 1.0,"
            + " \"macro_f1\": 1.0, \"log_loss\": 0.29, \"train_wall_s\": 0.2}\n"
            + "{"
            + common.replace("\"t\"", "\"other\"")
            + ", \"system\": \"x\"}\n");
    Files.writeString(
        results.resolve("t-env.json"), "{\"cpu\": \"test cpu\", \"sklearn\": \"1.7\"}");
    Files.writeString(results.resolve("t-command.txt"), "bash bench/run.sh\n");
    Path page = dir.resolve("docs/benchmarks.md");
    Files.createDirectories(page.getParent());
    BenchmarkPage.main(
        new String[] {
          "--results", results.resolve("results.jsonl").toString(),
          "--tags", "t",
          "--out", page.toString()
        });
    String md = Files.readString(page);
    assertThat(md)
        .contains("| toy | 1 of 2 (softclass) | 1 of 2 (softclass) | 2 of 2 (softclass) |")
        .contains("| **softclass** | 1.0000 | 1.0000 | 0.2900 | 0.2500 | 0.200 |")
        .contains("- `t`: 2026-01-01 00:00:00 to 2026-01-01 00:00:00")
        .contains("  - Command: `bash bench/run.sh`")
        .contains("cpu test cpu; sklearn 1.7")
        .contains("Run `t`.")
        .contains("![toy: training time vs accuracy](benchmarks/toy.png)")
        .doesNotContain("| x |")
        .doesNotContain("`other`");
    assertThat(dir.resolve("docs/benchmarks/toy.png")).isNotEmptyFile();

    // A later run on toy (Softclass only, now slower) and on a second dataset: its rows replace
    // the earlier run's rows of the same systems, the others stay, and the page names both runs.
    Files.createDirectories(work.resolve("splits/toy2"));
    Files.writeString(work.resolve("splits/toy2/test.libsvm"), "1 1:1\n");
    String later = common.replace("\"t\"", "\"t2\"").replace("00:00:00", "01:00:00");
    Files.writeString(
        results.resolve("results.jsonl"),
        "{"
            + later
            + ", \"system\": \"softclass\", \"status\": \"timeout\", \"note\": \"killed\"}\n"
            + "{"
            + later.replace("\"toy\"", "\"toy2\"")
            + ", \"system\": \"sklearn\", \"status\": \"ok\", \"accuracy\": 1.0}\n",
        java.nio.file.StandardOpenOption.APPEND);
    Files.writeString(results.resolve("t2-env.json"), "{\"cpu\": \"test cpu\"}");
    Files.writeString(results.resolve("t2-command.txt"), "bash bench/run.sh toy toy2\n");
    BenchmarkPage.main(
        new String[] {
          "--results", results.resolve("results.jsonl").toString(),
          "--tags", "t,t2",
          "--out", page.toString()
        });
    md = Files.readString(page);
    assertThat(md)
        .contains("- `t`: 2026-01-01 00:00:00 to 2026-01-01 00:00:00")
        .contains("- `t2`: 2026-01-01 01:00:00 to 2026-01-01 01:00:00")
        .contains("  - Command: `bash bench/run.sh toy toy2`")
        .contains("Runs: `t2` for softclass; `t` for the other 1 row.")
        .contains("| sklearn | 0.5000 |")
        .contains("| **softclass** |  |  |  |  |  |  |  | 1.0 | timeout: killed |")
        .contains("| toy | no result | no result | no result |")
        .contains("## toy2 (")
        .contains("| toy2 | no result | no result | no result |");
  }

  @Test
  void namesTheRunOfEachRowNewestFirst() {
    assertThat(BenchmarkPage.runsOf(Map.of("a", "run-1", "b", "run-1"))).isEqualTo("Run `run-1`.");
    assertThat(BenchmarkPage.runsOf(Map.of("a", "run-1", "b", "run-1", "c", "run-2", "d", "run-3")))
        .isEqualTo("Runs: `run-3` for d; `run-2` for c; `run-1` for the other 2 rows.");
  }
}
