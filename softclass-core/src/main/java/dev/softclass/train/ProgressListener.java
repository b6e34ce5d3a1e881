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

  /**
   * An epoch of network training finished. By default reported as a {@link #step}.
   *
   * @param trainLoss mean loss over the epoch's mini-batches
   * @param validationLoss log loss on the validation split, NaN without one
   * @param validationAccuracy accuracy on the validation split, NaN without one
   */
  default void epoch(
      int done, int total, double trainLoss, double validationLoss, double validationAccuracy) {
    step("epoch", done, total, trainLoss);
  }

  /** Training finished (successfully or not). */
  default void finished() {}

  /** A non-fatal diagnostic worth showing the user (for example poorly scaled features). */
  default void warning(String message) {}
}
