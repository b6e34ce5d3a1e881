package dev.softclass.spark;

import dev.softclass.SoftclassException;
import java.util.function.Supplier;
import org.apache.spark.SparkException;

/**
 * Turns a failed Spark job caused by a user's mistake (a {@link SoftclassException} thrown in a
 * task, wrapped by the scheduler) back into that exception, so callers see the row and column that
 * are wrong rather than a stage failure.
 */
final class SparkErrors {
  private SparkErrors() {}

  static <T> T unwrap(Supplier<T> job) {
    try {
      return job.get();
    } catch (Exception e) { // SparkException is checked, though Scala does not declare it
      throw userError(e);
    }
  }

  private static RuntimeException userError(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SoftclassException s) {
        return s;
      }
    }
    if (e instanceof SparkException || e.getCause() instanceof SparkException) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      int at = message.indexOf(SoftclassException.class.getName() + ": ");
      if (at >= 0) {
        String rest = message.substring(at + SoftclassException.class.getName().length() + 2);
        int end = rest.indexOf('\n');
        return new SoftclassException(end < 0 ? rest : rest.substring(0, end));
      }
    }
    return e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
  }
}
