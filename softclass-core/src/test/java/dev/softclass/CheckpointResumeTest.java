package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.balance.BalanceSettings;
import dev.softclass.balance.ResampleMethod;
import dev.softclass.data.Dataset;
import dev.softclass.train.Checkpointing;
import dev.softclass.train.OptimizerType;
import dev.softclass.train.ProgressListener;
import dev.softclass.train.Trainer;
import dev.softclass.train.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SGD training that stops after a checkpoint and is resumed ends with exactly the weights of an
 * uninterrupted run, for dense and sparse data, mini-batches and single examples. The stop is a
 * crash of the training thread in the middle of an epoch (the child-process kill is tested in the
 * CLI's {@code CheckpointKillTest}).
 */
class CheckpointResumeTest {
  @TempDir Path dir;

  static Stream<Arguments> runs() {
    return Stream.of(
        Arguments.of("dense, 3 classes, batch 8", dense3(), 8, 0.0),
        Arguments.of("dense, 2 classes, batch 1", dense2(), 1, 0.0),
        Arguments.of(
            "sparse, 3 classes, batch 4", LogisticContractTest.sparse(5, 600, 40, 3), 4, 0.0),
        Arguments.of(
            "sparse, 2 classes, batch 1", LogisticContractTest.sparse(6, 600, 40, 2), 1, 0.0),
        // The cumulative L1 penalty keeps state between steps, which the checkpoint must hold.
        Arguments.of("dense, 3 classes, batch 8, L1", dense3(), 8, 0.02),
        Arguments.of(
            "sparse, 3 classes, batch 4, L1", LogisticContractTest.sparse(5, 600, 40, 3), 4, 0.02));
  }

  private static Dataset dense3() {
    return ClassifierContract.blobs(3, 600, 5, List.of("a", "b", "c"));
  }

  private static Dataset dense2() {
    return ClassifierContract.blobs(4, 600, 5, List.of("a", "b"));
  }

  private static TrainingSettings sgd(int batch) {
    return sgd(batch, 0);
  }

  private static TrainingSettings sgd(int batch, double l1) {
    return TrainingSettings.defaults().toBuilder()
        .optimizer(OptimizerType.SGD)
        .epochs(7)
        .batchSize(batch)
        .l2(1e-3)
        .l1(l1)
        .seed(11)
        .build();
  }

  /** Crashes the training thread when epoch {@code at} ends, before its checkpoint. */
  private static ProgressListener crashAt(int at) {
    return new ProgressListener() {
      @Override
      public void step(String unit, int done, int total, double loss) {
        if (done == at) {
          throw new IllegalStateException("simulated crash in epoch " + at);
        }
      }
    };
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void resumedRunEqualsUninterruptedRun(String what, Dataset data, int batch, double l1) {
    TrainingSettings settings = sgd(batch, l1);
    Model uninterrupted = Trainer.fit(settings, data, ProgressListener.NONE);
    if (l1 > 0) {
      assertThat(zeroWeights(uninterrupted)).as("L1 makes weights exactly 0").isPositive();
    }
    Checkpointing every2 = Checkpointing.parse(dir, "2", false);
    assertThatThrownBy(() -> Trainer.fit(settings, data, crashAt(5), every2))
        .hasMessageContaining("simulated crash");
    assertThat(dir.resolve(Checkpointing.FILE_NAME)).exists();
    Checkpointing resume = Checkpointing.parse(dir, "2", true);
    Model resumed =
        Trainer.fit(settings.toBuilder().threads(3).build(), data, ProgressListener.NONE, resume);
    assertThat(resumed.info().training()).containsEntry("resumed_after_epoch", 4);
    assertThat(resumed.outputLayer()).isEqualTo(uninterrupted.outputLayer());
  }

  private static int zeroWeights(Model model) {
    int zeros = 0;
    for (float w : model.outputLayer().weights()) {
      zeros += w == 0 ? 1 : 0;
    }
    return zeros;
  }

  /**
   * The pipeline and class balancing apply to checkpointed runs as to any other: an over-sampled,
   * class-weighted run resumes to the uninterrupted run's weights, and its checkpoint is refused
   * for a run with other balance settings.
   */
  @Test
  void resumeKeepsThePipelineAndClassBalancing() {
    Dataset data = imbalanced();
    BalanceSettings over = new BalanceSettings("balanced", ResampleMethod.OVER, 5);
    Classifier classifier = Classifier.of(sgd(4)).balance(over);
    Model uninterrupted = classifier.fit(data);
    assertThat(uninterrupted.info().training()).containsKey("rows_resampled");
    assertThatThrownBy(
            () -> classifier.progress(crashAt(5)).fit(data, Checkpointing.parse(dir, "2", false)))
        .hasMessageContaining("simulated crash");
    assertThatThrownBy(
            () ->
                Classifier.of(sgd(4))
                    .balance(new BalanceSettings("none", ResampleMethod.OVER, 5))
                    .fit(data, Checkpointing.parse(dir, "2", true)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("checkpoint of another run");
    Model resumed = classifier.fit(data, Checkpointing.parse(dir, "2", true));
    assertThat(resumed.info().training()).containsEntry("resumed_after_epoch", 4);
    assertThat(resumed.outputLayer()).isEqualTo(uninterrupted.outputLayer());
  }

  /** Blobs of three classes with 300, 60 and 30 rows. */
  private static Dataset imbalanced() {
    Dataset blobs = dense3();
    int[] keep = new int[390];
    int[] seen = new int[3];
    int[] limit = {300, 60, 30};
    int n = 0;
    for (int r = 0; r < blobs.size() && n < keep.length; r++) {
      int y = blobs.labels()[r];
      if (seen[y] < limit[y]) {
        seen[y]++;
        keep[n++] = r;
      }
    }
    return blobs.subset(java.util.Arrays.copyOf(keep, n));
  }

  @Test
  void anExistingCheckpointIsNeitherOverwrittenNorContinuedWithOtherData() {
    TrainingSettings settings = sgd(8);
    Trainer.fit(settings, dense3(), ProgressListener.NONE, Checkpointing.parse(dir, "3", false));
    assertThatThrownBy(
            () ->
                Trainer.fit(
                    settings,
                    dense3(),
                    ProgressListener.NONE,
                    Checkpointing.parse(dir, "3", false)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("add --resume");
    Dataset other = ClassifierContract.blobs(99, 600, 5, List.of("a", "b", "c"));
    assertThatThrownBy(
            () ->
                Trainer.fit(
                    settings, other, ProgressListener.NONE, Checkpointing.parse(dir, "3", true)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("checkpoint of another run");
  }

  @Test
  void aCorruptCheckpointIsRefusedWithAdvice() throws Exception {
    TrainingSettings settings = sgd(8);
    Trainer.fit(settings, dense3(), ProgressListener.NONE, Checkpointing.parse(dir, "1", false));
    Path file = dir.resolve(Checkpointing.FILE_NAME);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(
            () ->
                Trainer.fit(
                    settings, dense3(), ProgressListener.NONE, Checkpointing.parse(dir, "1", true)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("corrupt");
  }

  @Test
  void checkpointIntervalsAreEpochsOrMinutes() {
    assertThat(Checkpointing.parse(dir, "5", false).everyEpochs()).isEqualTo(5);
    assertThat(Checkpointing.parse(dir, "5epochs", false).everyEpochs()).isEqualTo(5);
    assertThat(Checkpointing.parse(dir, "10m", false).every()).hasMinutes(10);
    assertThat(Checkpointing.parse(dir, "10min", false).every()).hasMinutes(10);
    assertThatThrownBy(() -> Checkpointing.parse(dir, "0", false))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("--checkpoint-every");
    assertThatThrownBy(() -> Checkpointing.parse(dir, "2h", false))
        .isInstanceOf(SoftclassException.class);
  }

  @Test
  void lbfgsRefusesCheckpoints() {
    assertThatThrownBy(
            () ->
                Trainer.fit(
                    TrainingSettings.defaults(),
                    dense3(),
                    ProgressListener.NONE,
                    Checkpointing.parse(dir, "1", false)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("--optimizer sgd");
  }
}
