package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a separate process: real exit codes and streams. */
class CliProcessTest {
  @TempDir Path dir;

  private record Outcome(int code, String out, String err) {}

  private Outcome launch(String... args) throws IOException, InterruptedException {
    return launchWith(List.of(), args);
  }

  private Outcome launchWith(List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    int code = p.waitFor();
    return new Outcome(
        code,
        Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  @Test
  void successExitsZero() throws Exception {
    Outcome o = launch("demo", "--model", dir.resolve("d.softclass").toString());
    assertThat(o.code()).as(o.err()).isZero();
    assertThat(o.out()).contains("accuracy");
    assertThat(o.err()).contains("train: iteration"); // plain progress lines: not a terminal
  }

  @Test
  void userMistakeExitsOneWithoutAStackTrace() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "label,a\nx,1\ny,NaN\n"); // missing values are empty cells
    Outcome o = launch("train", "--data", bad.toString(), "--model", dir.resolve("m").toString());
    assertThat(o.code()).isEqualTo(1);
    assertThat(o.err()).contains("bad.csv, line 3, column 'a'").doesNotContain("\tat ");
    assertThat(dir.resolve("m")).doesNotExist();
  }

  @Test
  void lbfgsTooBigForTheHeapIsRefusedWithAdvice() throws Exception {
    // 40 classes x 20,000 features: L-BFGS needs about 200 MB, the heap is 48 MB.
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      text.append(i % 40).append(' ').append(1 + i * 97 % 19_999).append(":1 20000:0.5\n");
    }
    Path data = dir.resolve("wide.libsvm");
    Files.writeString(data, text);
    Outcome o =
        launchWith(
            List.of("-Xmx48m"),
            "train",
            "--data",
            data.toString(),
            "--model",
            dir.resolve("w").toString());
    assertThat(o.code()).as(o.err()).isEqualTo(1);
    assertThat(o.err()).contains("L-BFGS would need", "--optimizer sgd").doesNotContain("\tat ");
    Outcome sgd =
        launchWith(
            List.of("-Xmx48m"),
            "train",
            "--data",
            data.toString(),
            "--model",
            dir.resolve("w").toString(),
            "--optimizer",
            "sgd",
            "--epochs",
            "1");
    assertThat(sgd.code()).as(sgd.err()).isZero();
  }
}
