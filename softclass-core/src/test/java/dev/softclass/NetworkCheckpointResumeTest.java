package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.data.Dataset;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.head.ClassSampler;
import dev.softclass.preprocess.text.TextNormalization;
import dev.softclass.text.LossType;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextSettings;
import dev.softclass.text.TextTrainer;
import dev.softclass.train.CheckpointStore;
import dev.softclass.train.Checkpointing;
import dev.softclass.train.NetworkSettings;
import dev.softclass.train.OptimizerType;
import dev.softclass.train.TrainingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checkpoints of the mini-batch network trainer (MLPs, and linear models trained by momentum SGD,
 * Adam or AdamW) and of the text trainer: a run resumed from the checkpoint of epoch 6 of 7 ends
 * with the weights of an uninterrupted run, bit for bit, on another thread count. The checkpoint a
 * run leaves behind is exactly what a killed run leaves (the child-process kill is tested in the
 * CLI's {@code CheckpointKillTest}).
 */
class NetworkCheckpointResumeTest {
  private static final int EPOCHS = 7;

  @TempDir Path dir;

  private static TrainingSettings settings(OptimizerType optimizer, int threads) {
    return TrainingSettings.defaults().toBuilder()
        .optimizer(optimizer)
        .epochs(EPOCHS)
        .batchSize(16)
        .l2(1e-3)
        .threads(threads)
        .seed(5)
        .build();
  }

  static Stream<Arguments> networks() {
    Dataset dense = ClassifierContract.blobs(3, 400, 5, List.of("a", "b", "c"));
    Dataset sparse = LogisticContractTest.sparse(4, 400, 30, 3);
    NetworkSettings mlp = NetworkSettings.defaults().toBuilder().hidden(List.of(12, 8)).build();
    Function<Integer, Classifier> adamDropout =
        t ->
            Classifier.of(
                settings(OptimizerType.ADAM, t),
                mlp.toBuilder().dropout(0.3).earlyStopping(50).validationFraction(0.2).build());
    Function<Integer, Classifier> nesterov =
        t ->
            Classifier.of(
                settings(OptimizerType.SGD, t),
                mlp.toBuilder().momentum(0.9).nesterov(true).build());
    Function<Integer, Classifier> adamw =
        t -> Classifier.of(settings(OptimizerType.ADAMW, t), NetworkSettings.linear());
    Function<Integer, Classifier> linearAdam = t -> Classifier.of(settings(OptimizerType.ADAM, t));
    return Stream.of(
        Arguments.of("MLP Adam, dropout, early stopping, dense", adamDropout, dense),
        Arguments.of("MLP Adam, dropout, early stopping, sparse", adamDropout, sparse),
        Arguments.of("MLP Nesterov momentum, dense", nesterov, dense),
        Arguments.of("linear AdamW, sparse", adamw, sparse),
        Arguments.of("linear Adam (Trainer), dense", linearAdam, dense));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("networks")
  void aResumedNetworkRunEqualsAnUninterruptedOne(
      String what, Function<Integer, Classifier> classifier, Dataset data) throws IOException {
    Model uninterrupted = classifier.apply(1).fit(data);
    Model checkpointed = classifier.apply(2).fit(data, Checkpointing.parse(dir, "3", false));
    assertThat(hash(checkpointed)).isEqualTo(hash(uninterrupted));
    Model resumed = classifier.apply(4).fit(data, Checkpointing.parse(dir, "3", true));
    assertThat(resumed.info().training()).containsEntry("resumed_after_epoch", 6);
    assertThat(hash(resumed)).isEqualTo(hash(uninterrupted));
  }

  @Test
  void aNetworkCheckpointIsRefusedForOtherSettings() {
    Dataset data = ClassifierContract.blobs(3, 400, 5, List.of("a", "b", "c"));
    NetworkSettings mlp = NetworkSettings.defaults().toBuilder().hidden(List.of(8)).build();
    Classifier.of(settings(OptimizerType.ADAM, 1), mlp)
        .fit(data, Checkpointing.parse(dir, "3", false));
    assertThatThrownBy(
            () ->
                Classifier.of(settings(OptimizerType.ADAM, 1), mlp.toBuilder().dropout(0.1).build())
                    .fit(data, Checkpointing.parse(dir, "3", true)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("checkpoint of another run");
  }

  /**
   * Every single-byte flip (XOR 0x01 and 0xFF) of an MLP checkpoint is refused as corrupt: the
   * trailing SHA-256 covers the whole file, so no flipped checkpoint is ever resumed.
   */
  @Test
  void everyFlippedByteOfACheckpointIsDetected() throws IOException {
    Dataset data = ClassifierContract.blobs(3, 200, 5, List.of("a", "b", "c"));
    NetworkSettings mlp = NetworkSettings.defaults().toBuilder().hidden(List.of(4)).build();
    Classifier.of(settings(OptimizerType.ADAM, 1), mlp)
        .fit(data, Checkpointing.parse(dir, "3", false));
    Path file = dir.resolve(Checkpointing.FILE_NAME);
    byte[] original = Files.readAllBytes(file);
    CheckpointStore store = new CheckpointStore(Checkpointing.parse(dir, "3", true), "any run");
    int detected = 0;
    for (int i = 0; i < original.length; i++) {
      for (int mask : new int[] {0x01, 0xFF}) {
        byte[] flipped = original.clone();
        flipped[i] ^= (byte) mask;
        Files.write(file, flipped);
        try {
          store.restore();
        } catch (SoftclassException refused) {
          assertThat(refused.getMessage()).contains("corrupt");
          detected++;
        }
      }
    }
    System.out.printf(
        "checkpoint byte flips: %d of %d detected (%d-byte MLP checkpoint)%n",
        detected, 2 * original.length, original.length);
    assertThat(detected).isEqualTo(2 * original.length);
  }

  static Stream<LossType> textLosses() {
    return Stream.of(LossType.NS, LossType.SAMPLED, LossType.HS, LossType.SOFTMAX, LossType.OVA);
  }

  @ParameterizedTest
  @MethodSource("textLosses")
  void aResumedTextRunEqualsAnUninterruptedOne(LossType loss) throws IOException {
    TextData data = udhr();
    TextModel uninterrupted = new TextTrainer(text(loss, 1)).fit(data);
    new TextTrainer(text(loss, 2)).fit(data, Checkpointing.parse(dir, "3", false));
    TextModel resumed =
        new TextTrainer(text(loss, 2)).fit(data, Checkpointing.parse(dir, "3", true));
    assertThat(resumed.info().training()).containsEntry("resumed_after_epoch", 6);
    assertThat(resumed.body().embeddings()).isEqualTo(uninterrupted.body().embeddings());
    assertThat(resumed.output()).isEqualTo(uninterrupted.output());
  }

  private static TextSettings text(LossType loss, int threads) {
    return new TextSettings(
        12,
        EPOCHS,
        0.4,
        2,
        0,
        0,
        5_000,
        1,
        loss,
        3,
        ClassSampler.Kind.UNIGRAM,
        false,
        false,
        TextNormalization.NFC,
        threads,
        false,
        9);
  }

  private static TextData udhr() throws IOException {
    try (InputStream in =
            NetworkCheckpointResumeTest.class.getResourceAsStream(
                "/datasets/udhr_langid/udhr_8langs.ft.txt");
        Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return FastTextReader.read(r, "udhr_8langs.ft.txt", true);
    }
  }

  private String hash(Model model) throws IOException {
    Path file = Files.createTempFile(dir, "model", ".softclass");
    model.save(file);
    try (ZipFile zip = new ZipFile(file.toFile());
        InputStream in = zip.getInputStream(zip.getEntry("weights.bin"))) {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
