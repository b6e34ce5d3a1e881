package dev.softclass.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * {@link ArchiveChecks} reports the first failure in the order the checks had when they ran one
 * after the other, whether they run inline (a small file) or on a second thread (a large one).
 */
class ArchiveChecksTest {
  private static final long[] SIZES = {0, ArchiveChecks.BACKGROUND_BYTES};

  private static final String FILE = "m.softclass";

  private static RuntimeException sealBroken() {
    throw new IllegalArgumentException("its bytes do not match the seal");
  }

  /**
   * What {@link ArchiveChecks#firstFailure} throws for a file of {@code size} bytes whose seal
   * check is {@code seal}, while {@code build} builds the model (and may start the weights check on
   * the checks it is given); fails if nothing is thrown.
   */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertFailure(
      long size, Callable<Boolean> seal, Consumer<ArchiveChecks> build) {
    try (ArchiveChecks checks = ArchiveChecks.forSize(size)) {
      checks.seal(seal);
      return assertThatThrownBy(
          () ->
              checks.firstFailure(
                  FILE,
                  () -> {
                    build.accept(checks);
                    return "model";
                  }));
    }
  }

  private static void weightsCorrupt() {
    throw new ModelFileException(FILE, "weights.bin is corrupt");
  }

  @Test
  void aBrokenSealComesBeforeEveryOtherFailure() {
    for (long size : SIZES) {
      assertFailure(
              size,
              () -> sealBroken() != null,
              checks -> {
                checks.weights(ArchiveChecksTest::weightsCorrupt);
                throw new ModelFileException(FILE, "unknown text head type 'x'");
              })
          .isInstanceOf(ModelFileException.class)
          .hasMessageContaining(FILE)
          .hasMessageContaining("is corrupt: its bytes do not match the seal")
          .hasMessageContaining("Retrain or copy the model again");
    }
  }

  @Test
  void aFailureBeforeTheWeightsCheckStartsComesNext() {
    for (long size : SIZES) {
      assertFailure(
              size,
              () -> true,
              checks -> {
                throw new ModelFileException(FILE, "model.json is corrupt");
              })
          .hasMessageContaining("model.json is corrupt");
    }
  }

  @Test
  void aWrongWeightsChecksumComesBeforeAnErrorInTheContent() {
    for (long size : SIZES) {
      assertFailure(
              size,
              () -> true,
              checks -> {
                checks.weights(ArchiveChecksTest::weightsCorrupt);
                throw new IllegalStateException("what a parser made of corrupt data");
              })
          .isInstanceOf(ModelFileException.class)
          .hasMessageContaining("weights.bin is corrupt");
    }
  }

  @Test
  void whenEveryCheckPassesTheContentsErrorOrResultComesOut() {
    for (long size : SIZES) {
      assertFailure(
              size,
              () -> true,
              checks -> {
                checks.weights(() -> {});
                throw new ModelFileException(FILE, "unknown text head type 'x'");
              })
          .hasMessageContaining("unknown text head type 'x'");
      try (ArchiveChecks checks = ArchiveChecks.forSize(size)) {
        checks.seal(() -> false);
        assertThat(
                checks.firstFailure(
                    FILE,
                    () -> {
                      checks.weights(() -> {});
                      return "model";
                    }))
            .isEqualTo("model");
      }
    }
  }

  @Test
  void anUnreadableFileIsReportedAsSuch() {
    try (ArchiveChecks checks = ArchiveChecks.forSize(0)) {
      checks.seal(
          () -> {
            throw new IOException("Input/output error");
          });

      assertThatThrownBy(() -> checks.firstFailure(FILE, () -> "model"))
          .isInstanceOf(ModelFileException.class)
          .hasMessageContaining("cannot be read: Input/output error");
    }
  }

  @Test
  void aLargeFileIsCheckedOnAnotherThreadWhileTheModelIsBuilt() throws Exception {
    AtomicReference<Thread> sealThread = new AtomicReference<>();
    AtomicReference<Thread> weightsThread = new AtomicReference<>();
    java.util.concurrent.CountDownLatch built = new java.util.concurrent.CountDownLatch(1);
    try (ArchiveChecks checks = ArchiveChecks.forSize(ArchiveChecks.BACKGROUND_BYTES)) {
      // The seal check waits for the model to be built: it can only finish if they overlap.
      checks.seal(
          () -> {
            sealThread.set(Thread.currentThread());
            return built.await(30, java.util.concurrent.TimeUnit.SECONDS);
          });
      String result =
          checks.firstFailure(
              FILE,
              () -> {
                checks.weights(() -> weightsThread.set(Thread.currentThread()));
                built.countDown();
                return "model";
              });

      assertThat(result).isEqualTo("model");
      assertThat(sealThread.get()).isNotSameAs(Thread.currentThread());
      assertThat(weightsThread.get()).isSameAs(sealThread.get());
    }
    // Inline, the seal is checked at once on the calling thread.
    try (ArchiveChecks checks = ArchiveChecks.forSize(0)) {
      checks.seal(
          () -> {
            sealThread.set(Thread.currentThread());
            return true;
          });
      assertThat(sealThread.get()).isSameAs(Thread.currentThread());
    }
  }
}
