package dev.softclass.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the served model files for replacement at a fixed interval and reloads those that changed,
 * on one daemon thread.
 *
 * <p>Polling file attributes (time, size, inode) rather than a {@code WatchService}: one {@code
 * stat} per model per interval costs nothing, sees a file renamed over the old one, a file copied
 * over it in place and a file on a network or overlay file system alike, and needs no event
 * bookkeeping. A file caught half-written fails its checksums, is rejected, and is read again when
 * its stamp changes once more.
 */
final class ModelWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);

  private final ScheduledExecutorService timer;

  /** Starts watching; {@code interval} must be positive. */
  ModelWatcher(ModelRegistry registry, Duration interval) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "softclass-model-watcher");
              t.setDaemon(true);
              return t;
            });
    long ms = Math.max(1, interval.toMillis());
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            registry.reloadChanged();
          } catch (RuntimeException e) {
            LOG.error("model file check failed; will try again", e);
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
  }

  /** Stops watching (a reload in progress finishes). */
  @Override
  public void close() {
    timer.shutdown();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
