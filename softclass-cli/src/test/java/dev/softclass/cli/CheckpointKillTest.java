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
 * with the same seed. For linear SGD, an MLP trained by Adam with dropout and early stopping, and a
 * text model with a negative-sampling head.
 */
class CheckpointKillTest {
  private static final String WINE = Path.of("..", "examples", "wine", "train.csv").toString();
  private static final String UDHR =
      Path.of("..", "softclass-core", "src", "test", "resources", "datasets", "udhr_langid")
          .resolve("udhr_8langs.ft.txt")
          .toString();
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
    killResumeAndCompare("linear SGD", this::trainArgs, "100", EPOCHS);
  }

  @Test
  void anMlpWithAdamDropoutAndEarlyStoppingResumesBitForBit() throws Exception {
    killResumeAndCompare(
        "MLP Adam dropout",
        model ->
            new ArrayList<>(
                List.of(
                    "train",
                    "--data",
                    WINE,
                    "--model",
                    model.toString(),
                    "--model-type",
                    "mlp",
                    "--hidden",
                    "32,16",
                    "--dropout",
                    "0.2",
                    "--optimizer",
                    "adam",
                    "--early-stopping",
                    "150",
                    "--epochs",
                    "200",
                    "--batch-size",
                    "4",
                    "--scale",
                    "standard",
                    "--threads",
                    "2",
                    "--seed",
                    "11")),
        "20",
        200);
  }

  @Test
  void aNegativeSamplingTextModelResumesBitForBit() throws Exception {
    killResumeAndCompare(
        "text ns",
        model ->
            new ArrayList<>(
                List.of(
                    "train",
                    "--model-type",
                    "text",
                    "--data",
                    UDHR,
                    "--model",
                    model.toString(),
                    "--loss",
                    "ns",
                    "--neg",
                    "5",
                    "--dim",
                    "16",
                    "--minn",
                    "2",
                    "--maxn",
                    "4",
                    "--bucket",
                    "20000",
                    "--epochs",
                    "50",
                    "--seed",
                    "5")),
        "5",
        50);
  }

  /**
   * Starts a child training with a checkpoint every {@code every} epochs, kills it (SIGKILL) as
   * soon as the first checkpoint is on disk, resumes it in this JVM, trains the same run without
   * checkpoints, and compares the weights' SHA-256.
   */
  private void killResumeAndCompare(
      String kind, java.util.function.Function<Path, List<String>> args, String every, int epochs)
      throws Exception {
    Path checkpoints = dir.resolve("checkpoints-" + kind.replace(' ', '-'));
    Path resumedModel = dir.resolve("resumed-" + kind.replace(' ', '-') + ".softclass");
    List<String> checkpointed = args.apply(resumedModel);
    checkpointed.addAll(
        List.of("--checkpoint-dir", checkpoints.toString(), "--checkpoint-every", every));

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
    CliRunner.Result resumed = CliRunner.ok(checkpointed.toArray(String[]::new));
    Matcher m =
        Pattern.compile("resumed from the checkpoint after epoch (\\d+)").matcher(resumed.out());
    assertThat(m.find()).as(resumed.out()).isTrue();
    int after = Integer.parseInt(m.group(1));
    assertThat(after).isBetween(Integer.parseInt(every), epochs - 1);

    Path plainModel = dir.resolve("plain-" + kind.replace(' ', '-') + ".softclass");
    CliRunner.ok(args.apply(plainModel).toArray(String[]::new));
    String resumedHash = weightsHash(resumedModel);
    assertThat(resumedHash).isEqualTo(weightsHash(plainModel));
    System.out.printf(
        "resume (%s): child killed after the checkpoint of epoch %d of %d; resumed and"
            + " uninterrupted weights.bin both have SHA-256 %s%n",
        kind, after, epochs, resumedHash);
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
    assertThat(lbfgs.err())
        .contains("L-BFGS runs in full batches and cannot be resumed")
        .doesNotContain("\tat ");
    assertThat(model).doesNotExist();
  }

  private Process start(List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // The child computes with the same kernels as this JVM, which resumes its run: MLP kernels
    // add in another order on the Vector API than in plain Java.
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      command.add("--add-modules");
      command.add("jdk.incubator.vector");
    }
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
