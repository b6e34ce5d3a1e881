package dev.softclass.head;

/**
 * A head trained one example at a time by SGD on an output matrix it may touch only partly, as
 * fastText's losses are: the output matrix {@code out} has {@link #numRows()} rows of the body's
 * width {@code dim}, row-major float, and is passed in (the model owns it).
 *
 * <p>Training approximations (sampled classes, negative samples) stay in {@link #step}; every
 * prediction method is exact. {@link #sumsToOne()} says whether {@link #probabilities} is a
 * distribution over the classes (softmax, hierarchical softmax) or one independent sigmoid score
 * per class (negative sampling, one-vs-all), which need not sum to 1.
 *
 * <p>Heads are immutable and thread-safe; per-thread working memory lives in a {@link HeadScratch}.
 */
public sealed interface SgdHead
    permits FullSoftmaxHead,
        OneVsAllHead,
        SampledSoftmaxHead,
        NegativeSamplingHead,
        HierarchicalSoftmaxHead {
  /** The head's name, as written in model files and given to {@code --loss}. */
  String name();

  /** Number of classes. */
  int numClasses();

  /** Rows of the output matrix. */
  int numRows();

  /** Width of the body's output (columns of the output matrix). */
  int dim();

  /** Whether {@link #probabilities} sum to 1 over the classes. */
  boolean sumsToOne();

  /** Working memory for one thread; {@code seed} seeds its sampler. */
  default HeadScratch newScratch(long seed) {
    return new HeadScratch(numRows(), dim(), seed);
  }

  /**
   * One SGD step on one example: updates the output rows it uses by {@code -lr * dLoss/dRow} and
   * adds {@code -lr * dLoss/dHidden} to {@code gradHidden}. Every gradient is taken at the weights
   * before the step (a class drawn twice gets both updates, as the loss counts it twice).
   *
   * @param hidden the body's output, {@link #dim()} values
   * @param label the true class
   * @return the example's training loss (natural log) before the step
   */
  double step(float[] hidden, int label, float[] out, float lr, float[] gradHidden, HeadScratch s);

  /** Writes each class's exact probability (or sigmoid score) into {@code probs[0..K)}. */
  void probabilities(float[] hidden, float[] out, double[] probs, HeadScratch s);

  /**
   * The {@code k} most probable classes with probability at least {@code minProb}, most probable
   * first (lower index first on a tie).
   *
   * @param labels receives up to {@code k} class indices
   * @param probs receives their probabilities
   * @return how many were written
   */
  default int topK(
      float[] hidden,
      float[] out,
      int k,
      double minProb,
      int[] labels,
      double[] probs,
      HeadScratch s) {
    double[] all = s.probs(numClasses());
    probabilities(hidden, out, all, s);
    return TopK.select(all, k, minProb, labels, probs);
  }
}
