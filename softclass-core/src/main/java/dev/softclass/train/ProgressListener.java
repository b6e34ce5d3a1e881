package dev.softclass.train;

/** Told how training goes, for progress bars and logs. Called on the training thread. */
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = new ProgressListener() {};

  /**
   * An iteration (L-BFGS) or epoch (SGD) finished.
   *
   * @param unit "iteration" or "epoch"
   * @param done how many are done
   * @param total the most there will be
   * @param loss the training objective now
   */
  default void step(String unit, int done, int total, double loss) {}

  /** Training finished (successfully or not). */
  default void finished() {}

  /** A non-fatal diagnostic worth showing the user (for example poorly scaled features). */
  default void warning(String message) {}
}
