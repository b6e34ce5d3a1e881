package dev.softclass.io;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * What {@link BackgroundSha256} and {@link ArchiveChecks} share to hash on another thread: daemon
 * threads (a model read or written never keeps the JVM alive), and a wait for the result that an
 * interrupt does not cut short.
 */
final class DaemonTasks {
  private DaemonTasks() {}

  /** Makes daemon threads named {@code name}. */
  static ThreadFactory named(String name) {
    return task -> {
      Thread t = new Thread(task, name);
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The task's result, waiting for it even if interrupted (the interrupt is kept for the caller).
   *
   * @throws RuntimeException or {@link Error} what the task threw; an {@link IllegalStateException}
   *     around a checked exception
   */
  static <V> V await(Future<V> task) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return task.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
