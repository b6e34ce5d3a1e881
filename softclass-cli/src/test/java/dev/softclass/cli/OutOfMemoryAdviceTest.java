package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running out of memory is reported as advice with exit code 1, not as a stack trace. */
class OutOfMemoryAdviceTest {
  @TempDir Path dir;

  @Test
  void outOfMemoryGivesAdviceNotAStackTrace() throws Exception {
    // A hidden layer of 50 million units: its weights alone need far more than a 64 MB heap. (A
    // LIBSVM file with a huge index no longer gets this far: training refuses it before
    // allocating.)
    Path data = dir.resolve("small.csv");
    Files.writeString(data, "label,a,b\n1,0,1\n0,1,0\n1,1,1\n0,0,0\n");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName(),
                    "train",
                    "--data",
                    data.toString(),
                    "--model",
                    dir.resolve("m.softclass").toString(),
                    "--model-type",
                    "mlp",
                    "--hidden",
                    "50000000"))
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(dir.resolve("err.txt").toFile())
            .start();
    int code = p.waitFor();
    String err = Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8);
    assertThat(code).as(err).isEqualTo(1);
    assertThat(err)
        .contains("Java ran out of memory (its heap holds at most 0.1 GB)")
        .contains("JAVA_OPTS=-Xmx")
        .doesNotContain("\tat ")
        .doesNotContain("OutOfMemoryError");
  }

  @Test
  void adviceSuggestsMoreThanTheCurrentHeap() {
    assertThat(Main.outOfMemoryAdvice(4L << 30)).contains("at most 4.3 GB").contains("-Xmx8g");
  }
}
