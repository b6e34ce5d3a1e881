package dev.softclass.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed (SIGKILL) at a random moment while it saves a model over and over never leaves a
 * broken model behind: the file always loads and predicts as the saved model does, and the next
 * save removes the temporary file the dead process left. {@code -Dsoftclass.crashRuns=N} sets how
 * many child processes are killed (default 6: each costs a JVM start).
 */
class CrashSafeSaveTest {
  private static final int RUNS = Integer.getInteger("softclass.crashRuns", 6);

  @TempDir Path dir;

  @Test
  void aKilledSaveLeavesTheLastCompleteModel() throws Exception {
    Model model = wideModel();
    Path source = dir.resolve("source.softclass");
    model.save(source);
    Path target = dir.resolve("model.softclass");
    float[] probe = new float[model.numFeatures()];
    java.util.Arrays.fill(probe, 0.5f);
    double[] expected = model.predictProba(probe);
    Random random = new Random(13);
    int leftTemporary = 0;
    long savesBeforeKills = 0;
    for (int run = 0; run < RUNS; run++) {
      Process child = startSaveLoop(source, target);
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String first = out.readLine();
        assertThat(first).as("the child's first line").startsWith("saved ");
        Thread.sleep(random.nextInt(40));
        child.toHandle().destroyForcibly(); // SIGKILL on Unix
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String line;
        String last = first;
        while ((line = out.readLine()) != null) {
          last = line;
        }
        savesBeforeKills += Long.parseLong(last.substring("saved ".length()));
      }
      assertThat(ModelFile.read(target).predictProba(probe)).containsExactly(expected);
      leftTemporary += temporaryFiles().size();
      model.save(target);
      assertThat(temporaryFiles()).as("temporary files after the next save").isEmpty();
    }
    System.out.printf(
        "kill during save: %d processes killed after %d saves in all; %d left a temporary file"
            + " (killed mid-write); the model loaded every time%n",
        RUNS, savesBeforeKills, leftTemporary);
  }

  private List<Path> temporaryFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  private static Process startSaveLoop(Path source, Path target) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(SaveLoop.class.getName());
    command.add(source.toString());
    command.add(target.toString());
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** 40 features and 20 classes: a file of a few kilobytes, so saves take measurable time. */
  private static Model wideModel() {
    Random random = new Random(5);
    int n = 400;
    double[][] x = new double[n][40];
    String[] y = new String[n];
    for (int i = 0; i < n; i++) {
      int c = i % 20;
      for (int j = 0; j < 40; j++) {
        x[i][j] = (j % 20 == c ? 2 : 0) + random.nextGaussian();
      }
      y[i] = "c" + c;
    }
    return Classifier.logistic().convergence(30, 1e-4).fit(Dataset.of(x, y));
  }
}
