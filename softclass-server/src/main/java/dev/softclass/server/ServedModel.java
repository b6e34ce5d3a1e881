package dev.softclass.server;

import dev.softclass.Predictor;
import dev.softclass.SoftclassException;
import dev.softclass.io.TextModelFile;
import dev.softclass.text.TextModel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model served under a name, read from a file that may be replaced while the server runs.
 *
 * <p>The current {@link ModelSnapshot} sits in an {@link AtomicReference}: a reload reads and
 * checks the whole new file first and only then swaps the reference, so every request sees either
 * the old model or the new one, and a bad file leaves the old one serving. Reloads of one model are
 * serialised; reading the current snapshot never blocks. Thread-safe.
 */
final class ServedModel {
  private static final Logger LOG = LoggerFactory.getLogger(ServedModel.class);

  private final String name;
  private final Path file;
  private final AtomicReference<ModelSnapshot> current = new AtomicReference<>();
  private final LongAdder requests = new LongAdder();
  private final LongAdder instances = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicLong reloads = new AtomicLong();
  private final AtomicLong failedReloads = new AtomicLong();
  private volatile String lastReloadError;
  private volatile FileStamp lastAttempt;

  /**
   * Loads the model from {@code file}.
   *
   * @throws SoftclassException if the file is not a readable model
   */
  ServedModel(String name, Path file) {
    this.name = name;
    this.file = file;
    lastAttempt = FileStamp.of(file);
    current.set(read(1));
  }

  String name() {
    return name;
  }

  Path file() {
    return file;
  }

  /** The snapshot serving now. */
  ModelSnapshot current() {
    return current.get();
  }

  /**
   * Reads the file again and swaps it in.
   *
   * @return the new snapshot
   * @throws SoftclassException if the file is not a readable model; the old one keeps serving
   */
  synchronized ModelSnapshot reload() {
    return load(FileStamp.of(file));
  }

  /**
   * Reloads if the file changed since the last attempt, successful or not (so a bad file is tried
   * once, and again only when it changes).
   */
  synchronized void reloadIfChanged() {
    FileStamp stamp = FileStamp.of(file);
    if (stamp.equals(lastAttempt) || stamp.equals(FileStamp.MISSING)) {
      return;
    }
    try {
      load(stamp);
    } catch (SoftclassException e) {
      // already counted and logged by load; the old model keeps serving
    }
  }

  private ModelSnapshot load(FileStamp stamp) {
    lastAttempt = stamp;
    try {
      ModelSnapshot next = read(current.get().version() + 1);
      current.set(next);
      reloads.incrementAndGet();
      lastReloadError = null;
      LOG.info(
          "model '{}' reloaded from {} (version {}, {} ms)",
          name,
          file,
          next.version(),
          next.loadTime().toMillis());
      return next;
    } catch (SoftclassException e) {
      failedReloads.incrementAndGet();
      lastReloadError = e.getMessage();
      LOG.warn(
          "model '{}' not reloaded, the previous version keeps serving: {}", name, e.getMessage());
      throw e;
    }
  }

  /**
   * Reads the file as a text model when it is one (as {@code softclass predict} tells them apart),
   * else as a tabular model or ensemble.
   */
  private ModelSnapshot read(long version) {
    long start = System.nanoTime();
    try {
      if (TextModelFile.isTextModel(file)) {
        TextModel model = TextModel.load(file);
        return new ModelSnapshot(model, version, Instant.now(), since(start));
      }
      Predictor model = Predictor.load(file);
      return new ModelSnapshot(model, version, Instant.now(), since(start));
    } catch (SoftclassException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SoftclassException(file + ": cannot read the model: " + e, e);
    }
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Counts one answered predict request of {@code n} instances. */
  void countPrediction(int n) {
    requests.increment();
    instances.add(n);
  }

  /** Counts one predict request refused with an error. */
  void countError() {
    errors.increment();
  }

  long requests() {
    return requests.sum();
  }

  long instances() {
    return instances.sum();
  }

  long errors() {
    return errors.sum();
  }

  long reloads() {
    return reloads.get();
  }

  long failedReloads() {
    return failedReloads.get();
  }

  /** Why the last reload failed, or {@code null} if it succeeded (or none was tried). */
  String lastReloadError() {
    return lastReloadError;
  }
}
