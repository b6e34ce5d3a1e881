package dev.softclass.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * The two integrity checks of a model archive that hash the most bytes, the {@link ArchiveSeal}
 * (the whole file) and the checksum of {@code weights.bin}: on a second thread for a large file, so
 * that they run while the model is parsed and built (a text model of 200,000 words hashes about 90
 * MB), inline and in order for a small one.
 *
 * <p>{@link #firstFailure} reports the failures in the order the checks came in before they ran
 * side by side: a broken seal first, then whatever the reading thread found before it handed over
 * the weights check (a missing entry, a wrong {@code model.json} checksum), then a wrong {@code
 * weights.bin} checksum, and only then an error in the content. So a corrupt file is refused with
 * the same message as when every check ran before the parsing, whatever the parser made of it.
 */
final class ArchiveChecks implements AutoCloseable {
  /** Files from this size on are checked on a second thread. */
  static final long BACKGROUND_BYTES = 1 << 20;

  private final ExecutorService background; // null: inline
  private Future<Boolean> seal;
  private Future<?> weights;

  private ArchiveChecks(ExecutorService background) {
    this.background = background;
  }

  /** Checks for {@code file}: on a second thread if it is large. */
  static ArchiveChecks forFile(Path file) throws IOException {
    return forSize(Files.size(file));
  }

  /** Checks for a file of {@code bytes}: on a second thread from {@link #BACKGROUND_BYTES} on. */
  static ArchiveChecks forSize(long bytes) {
    return new ArchiveChecks(
        bytes >= BACKGROUND_BYTES
            ? Executors.newSingleThreadExecutor(DaemonTasks.named("softclass-model-check"))
            : null);
  }

  /**
   * Starts the seal check: {@link ArchiveSeal#verify}, whose {@link IllegalArgumentException} is
   * reported as a corrupt file.
   */
  void seal(Callable<Boolean> verify) {
    seal = start(verify);
  }

  /** Starts the check of {@code weights.bin}'s checksum, which throws a ModelFileException. */
  void weights(Runnable check) {
    weights =
        start(
            () -> {
              check.run();
              return null;
            });
  }

  /**
   * The result of {@code work} (which reads the archive, starts the weights check and builds the
   * model) once the seal and weights checks have passed; else the first failure, in the order of
   * the class comment.
   *
   * @throws ModelFileException from a failed check, before any exception of {@code work}
   */
  <T> T firstFailure(String file, Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      awaitChecks(file);
      throw e;
    }
    awaitChecks(file);
    return result;
  }

  private void awaitChecks(String file) {
    if (seal != null) {
      try {
        DaemonTasks.await(seal);
      } catch (IllegalArgumentException e) {
        throw ModelFile.corrupt(file, e);
      } catch (UncheckedIOException e) {
        throw ModelFile.unreadable(file, e.getCause());
      }
    }
    if (weights != null) {
      DaemonTasks.await(weights);
    }
  }

  private <V> Future<V> start(Callable<V> check) {
    FutureTask<V> task =
        new FutureTask<>(
            () -> {
              try {
                return check.call();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    if (background == null) {
      task.run();
    } else {
      background.execute(task);
    }
    return task;
  }

  @Override
  public void close() {
    if (background != null) {
      background.shutdown();
    }
  }
}
