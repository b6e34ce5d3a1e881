package dev.softclass.head;

import java.util.SplittableRandom;

/**
 * Working memory of one thread for an {@link SgdHead}: score and coefficient buffers and the random
 * source that draws sampled classes. Not thread-safe; one per thread.
 */
public final class HeadScratch {
  final double[] scores;
  double[] coefficients;
  int[] rows;
  private double[] probs;
  final float[] hiddenCopy;
  SplittableRandom random;

  HeadScratch(int numRows, int dim, long seed) {
    this.scores = new double[numRows];
    this.coefficients = new double[Math.max(16, numRows)];
    this.rows = new int[Math.max(16, numRows)];
    this.hiddenCopy = new float[dim];
    this.random = new SplittableRandom(seed);
  }

  /**
   * Restarts the random source that draws sampled classes from {@code seed}: trainers reseed it
   * every epoch from the run's seed and the epoch, so that a run resumed from a checkpoint draws
   * the same classes as an uninterrupted one.
   */
  public void reseed(long seed) {
    random = new SplittableRandom(seed);
  }

  /** A buffer of at least {@code n} doubles for class probabilities. */
  double[] probs(int n) {
    if (probs == null || probs.length < n) {
      probs = new double[n];
    }
    return probs;
  }

  /** Makes room for {@code n} rows and coefficients. */
  void ensure(int n) {
    if (rows.length < n) {
      rows = new int[n];
      coefficients = new double[n];
    }
  }
}
