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
    // One feature index of 50 million: SGD's weights alone need far more than a 64 MB heap.
    Path data = dir.resolve("wide.libsvm");
    Files.writeString(data, "1 50000000:1\n0 1:1\n1 2:1\n0 3:1\n");
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
                    "--optimizer",
                    "sgd"))
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
