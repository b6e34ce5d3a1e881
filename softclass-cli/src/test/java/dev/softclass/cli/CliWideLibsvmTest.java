package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LIBSVM file with one huge feature index: training refuses it up front with a message (it ran
 * for minutes and then out of memory), and a model trained on ordinary data predicts on it, the
 * unknown feature ignored.
 */
class CliWideLibsvmTest {
  /** The fuzzing finding (softclass-core's regression input huge-index.libsvm). */
  private static final String FINDING =
      "185 205:159 206:151 2033333337:62# 26co line\n+1 1:0.5 3:-1e-3 # -3 # \n+1\nm0m";

  @TempDir Path dir;

  @Test
  void trainingOnTheFindingFailsWithTheLineTheIndexAndWhatToDo() throws IOException {
    Path data = dir.resolve("huge-index.libsvm");
    Files.writeString(data, FINDING);
    for (String[] extra :
        new String[][] {{}, {"--optimizer", "sgd"}, {"--model-type", "mlp", "--hidden", "8"}}) {
      String[] args = {
        "train", "--data", data.toString(), "--model", dir.resolve("m.softclass").toString()
      };
      String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
      System.arraycopy(extra, 0, all, args.length, extra.length);
      CliRunner.Result r = CliRunner.run(all);
      assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
      assertThat(r.err())
          .startsWith("error: " + data + ", line 1, feature index 2033333337: ")
          .contains("2,033,333,337 columns", "GB Java heap", "renumber them 1 to 5")
          .doesNotContain("\tat ", "Exception");
      assertThat(dir.resolve("m.softclass")).doesNotExist();
    }
  }

  @Test
  void aModelPredictsOnAFileWithAHugeIndexIgnoringIt() throws IOException {
    Path train = dir.resolve("train.libsvm");
    Files.writeString(
        train, "0 1:1 3:0.2\n1 2:1 3:0.4\n0 1:0.9 2:0.1\n1 2:0.8 3:0.1\n0 1:0.7\n1 2:0.6 3:0.3\n");
    Path model = dir.resolve("m.softclass");
    CliRunner.ok("train", "--data", train.toString(), "--model", model.toString());

    Path plain = dir.resolve("plain.libsvm");
    Files.writeString(plain, "0 1:1 3:0.5\n1 2:1\n");
    Path wide = dir.resolve("wide.libsvm");
    Files.writeString(wide, "0 1:1 3:0.5 2033333337:62\n1 2:1\n");
    Path plainOut = dir.resolve("plain.csv");
    Path wideOut = dir.resolve("wide.csv");
    for (Path[] io : new Path[][] {{plain, plainOut}, {wide, wideOut}}) {
      CliRunner.ok(
          "predict",
          "--model",
          model.toString(),
          "--data",
          io[0].toString(),
          "--output",
          io[1].toString());
    }
    assertThat(Files.readString(wideOut)).isEqualTo(Files.readString(plainOut)).contains("0.");
  }
}
