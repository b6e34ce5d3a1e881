package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.train.Checkpointing;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --checkpoint-dir} in a child process killed (SIGKILL) once a checkpoint exists, then
 * {@code train --resume}: the model's weights are bit-identical to those of an uninterrupted run
 * with the same seed.
 */
class CheckpointKillTest {
  private static final String WINE = Path.of("..", "examples", "wine", "train.csv").toString();
  private static final int EPOCHS = 3000;

  @TempDir Path dir;

  private List<String> trainArgs(Path model) {
    return new ArrayList<>(
        List.of(
            "train",
            "--data",
            WINE,
            "--model",
            model.toString(),
            "--optimizer",
            "sgd",
            "--epochs",
            Integer.toString(EPOCHS),
            "--batch-size",
            "1",
            "--seed",
            "7"));
  }

  @Test
  void resumedAfterAKillEqualsAnUninterruptedRun() throws Exception {
    Path checkpoints = dir.resolve("checkpoints");
    Path resumedModel = dir.resolve("resumed.softclass");
    List<String> checkpointed = trainArgs(resumedModel);
    checkpointed.addAll(
        List.of("--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", "100"));

    Process child = start(checkpointed);
    Path checkpoint = checkpoints.resolve(Checkpointing.FILE_NAME);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.exists(checkpoint) && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    child.toHandle().destroyForcibly(); // SIGKILL
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("the child was killed before it finished").isNotZero();
    assertThat(resumedModel).doesNotExist();

    checkpointed.add("--resume");
    CliRunner.Result resumed = CliRunner.run(checkpointed.toArray(String[]::new));
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    Matcher m =
        Pattern.compile("resumed from the checkpoint after epoch (\\d+)").matcher(resumed.out());
    assertThat(m.find()).as(resumed.out()).isTrue();
    int after = Integer.parseInt(m.group(1));
    assertThat(after).isBetween(100, EPOCHS - 1);

    Path plainModel = dir.resolve("plain.softclass");
    CliRunner.Result plain = CliRunner.run(trainArgs(plainModel).toArray(String[]::new));
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    String resumedHash = weightsHash(resumedModel);
    assertThat(resumedHash).isEqualTo(weightsHash(plainModel));
    System.out.printf(
        "resume: child killed after the checkpoint of epoch %d of %d; resumed and uninterrupted"
            + " weights.bin both have SHA-256 %s%n",
        after, EPOCHS, resumedHash);
  }

  @Test
  void checkpointOptionsNeedAFolderAndSgd() {
    Path model = dir.resolve("m.softclass");
    List<String> args = trainArgs(model);
    args.add("--resume");
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--resume needs --checkpoint-dir");
    CliRunner.Result lbfgs =
        CliRunner.run(
            "train",
            "--data",
            WINE,
            "--model",
            model.toString(),
            "--checkpoint-dir",
            dir.toString());
    assertThat(lbfgs.exitCode()).isEqualTo(1);
    assertThat(lbfgs.err()).contains("checkpoints are for SGD training").doesNotContain("\tat ");
    assertThat(model).doesNotExist();
  }

  private Process start(List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static String weightsHash(Path model) throws Exception {
    try (ZipFile zip = new ZipFile(model.toFile());
        InputStream in = zip.getInputStream(zip.getEntry("weights.bin"))) {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    }
  }
}
