package dev.softclass.head;

import dev.softclass.kernel.VectorOps;
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
  VectorOps.Kernels kernels = VectorOps.Kernels.best();
  private int[] marks;
  private int mark;
  private NodeHeap nodeHeap;

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

  /**
   * Runs the training steps ({@link SgdHead#step}) on {@code kernels}; prediction always runs on
   * the static {@link VectorOps} kernels. Trainers choose them by the run's size ({@link
   * VectorOps#forWork}): plain Java for a short run, which the Vector API kernels would spend
   * mostly waiting for C2 to compile them.
   */
  public void trainWith(VectorOps.Kernels kernels) {
    this.kernels = java.util.Objects.requireNonNull(kernels);
  }

  /** A buffer of at least {@code n} doubles for class probabilities. */
  double[] probs(int n) {
    if (probs == null || probs.length < n) {
      probs = new double[n];
    }
    return probs;
  }

  /**
   * Per-class marks for drawing distinct classes, with a fresh mark value that no class carries yet
   * ({@link #mark()}): a class is already drawn in this step when its mark equals that value.
   */
  int[] marks(int numClasses) {
    if (marks == null || marks.length < numClasses) {
      marks = new int[numClasses];
      mark = 0;
    }
    if (++mark == 0) {
      java.util.Arrays.fill(marks, 0);
      mark = 1;
    }
    return marks;
  }

  /** The heap of a tree search, made on first use. */
  NodeHeap nodeHeap() {
    if (nodeHeap == null) {
      nodeHeap = new NodeHeap();
    }
    return nodeHeap;
  }

  /** The mark value given out by the last {@link #marks} call. */
  int mark() {
    return mark;
  }

  /** Makes room for {@code n} rows and coefficients. */
  void ensure(int n) {
    if (rows.length < n) {
      rows = new int[n];
      coefficients = new double[n];
    }
  }
}
