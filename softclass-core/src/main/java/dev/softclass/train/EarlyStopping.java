package dev.softclass.train;

/**
 * Early stopping on a validation loss: an epoch improves when its loss is below the best so far;
 * training stops after {@code patience} epochs in a row without improvement, and the trainer then
 * restores the weights of the best epoch.
 */
public final class EarlyStopping {
  private final int patience;
  private double best = Double.POSITIVE_INFINITY;
  private int bestEpoch;
  private int sinceBest;

  /**
   * @param patience epochs without improvement to wait, at least 1
   */
  public EarlyStopping(int patience) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1, got " + patience);
    }
    this.patience = patience;
  }

  /**
   * Records epoch {@code epoch}'s validation loss.
   *
   * @return whether it is the best so far (the caller keeps this epoch's weights)
   */
  public boolean record(int epoch, double loss) {
    if (loss < best) {
      best = loss;
      bestEpoch = epoch;
      sinceBest = 0;
      return true;
    }
    sinceBest++;
    return false;
  }

  /** Whether {@code patience} epochs have passed without improvement. */
  public boolean shouldStop() {
    return sinceBest >= patience;
  }

  /** The best epoch (1-based; 0 before any). */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The best validation loss. */
  public double bestLoss() {
    return best;
  }

  /** Epochs in a row without improvement. */
  public int sinceBest() {
    return sinceBest;
  }

  /**
   * Continues from a checkpoint's record of {@link #bestLoss}, {@link #bestEpoch}, {@link
   * #sinceBest}.
   */
  public void restore(double bestLoss, int bestEpoch, int sinceBest) {
    this.best = bestLoss;
    this.bestEpoch = bestEpoch;
    this.sinceBest = sinceBest;
  }
}
