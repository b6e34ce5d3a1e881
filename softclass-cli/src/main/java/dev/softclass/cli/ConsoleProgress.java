package dev.softclass.cli;

import dev.softclass.train.ProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress on stderr: a self-updating line when stderr is a terminal, otherwise a plain
 * line every few iterations so that logs stay readable.
 */
final class ConsoleProgress implements ProgressListener {
  private static final int PLAIN_EVERY = 10;
  private final PrintWriter err;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private boolean lineOpen;

  ConsoleProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** A progress display for stderr; a bar only when a terminal is attached. */
  static ConsoleProgress forStderr(PrintWriter err) {
    return new ConsoleProgress(err, System.console() != null);
  }

  @Override
  public void step(String unit, int done, int total, double loss) {
    double seconds = (System.nanoTime() - start) / 1e9;
    if (terminal) {
      int width = 30;
      int filled = unit.equals("epoch") ? (int) ((long) width * done / total) : done % (width + 1);
      String bar = "#".repeat(filled) + " ".repeat(width - filled);
      err.printf(
          Locale.ROOT, "\r[%s] %s %d/%d  loss %.6f  %.1fs ", bar, unit, done, total, loss, seconds);
      err.flush();
      lineOpen = true;
    } else if (unit.equals("epoch") || done % PLAIN_EVERY == 0 || done == 1) {
      err.printf(
          Locale.ROOT, "train: %s %d/%d loss %.6f (%.1fs)%n", unit, done, total, loss, seconds);
    }
  }

  @Override
  public void epoch(int done, int total, double trainLoss, double vLoss, double vAccuracy) {
    if (Double.isNaN(vLoss)) {
      step("epoch", done, total, trainLoss);
      return;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String text =
        String.format(
            Locale.ROOT,
            "epoch %d/%d  loss %.6f  val loss %.6f  val acc %.4f  %.1fs",
            done,
            total,
            trainLoss,
            vLoss,
            vAccuracy,
            seconds);
    if (terminal) {
      int width = 30;
      int filled = (int) ((long) width * done / total);
      err.printf(Locale.ROOT, "\r[%s] %s ", "#".repeat(filled) + " ".repeat(width - filled), text);
      err.flush();
      lineOpen = true;
    } else {
      err.println("train: " + text);
    }
  }

  @Override
  public void finished() {
    if (lineOpen) {
      err.println();
      lineOpen = false;
    }
  }

  @Override
  public void warning(String message) {
    finished();
    err.println("warning: " + message);
  }
}
