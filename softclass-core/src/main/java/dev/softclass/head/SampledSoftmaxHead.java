package dev.softclass.head;

/**
 * Sampled softmax (Jean et al. 2015; TensorFlow's {@code sampled_softmax_loss}): each training step
 * scores the true class and {@code numSampled} classes drawn (with replacement) from a {@link
 * ClassSampler}, subtracts {@code log(numSampled * Q(k))} from each candidate's logit (the log-Q
 * correction, which makes the sampled loss's gradient an estimate of the full softmax's), drops
 * sampled copies of the true class, and takes a softmax cross-entropy step over the candidates.
 * Prediction is the exact full softmax over all classes.
 *
 * @param numClasses number of classes, at least 2
 * @param dim width of the body's output
 * @param numSampled classes drawn per example ({@code --neg})
 * @param sampler the candidate distribution
 */
public record SampledSoftmaxHead(int numClasses, int dim, int numSampled, ClassSampler sampler)
    implements SgdHead {
  /** Checks the sizes. */
  public SampledSoftmaxHead {
    if (numClasses < 2 || dim < 1 || numSampled < 1 || sampler.numClasses() != numClasses) {
      throw new IllegalArgumentException(
          "sampled softmax needs >= 2 classes, dim >= 1, >= 1 sample and a sampler over the"
              + " classes");
    }
  }

  @Override
  public String name() {
    return "sampled";
  }

  @Override
  public int numRows() {
    return numClasses;
  }

  @Override
  public boolean sumsToOne() {
    return true;
  }

  @Override
  public double step(
      float[] hidden, int label, float[] out, float lr, float[] gradHidden, HeadScratch s) {
    Losses.checkLabel(label, numClasses);
    s.ensure(numSampled + 1);
    int[] rows = s.rows;
    double[] z = s.coefficients;
    double logM = Math.log(numSampled);
    rows[0] = label;
    int n = 1;
    for (int i = 0; i < numSampled; i++) {
      int c = sampler.sample(s.random);
      if (c != label) {
        rows[n++] = c;
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      z[i] =
          Losses.score(hidden, out, rows[i], dim) - logM - Math.log(sampler.probability(rows[i]));
      max = Math.max(max, z[i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(z[i] - max);
    }
    double lse = max + Math.log(sum);
    double loss = lse - z[0];
    for (int i = 0; i < n; i++) {
      double p = Math.exp(z[i] - lse);
      z[i] = lr * ((i == 0 ? 1 : 0) - p);
    }
    Losses.apply(hidden, out, dim, rows, z, n, gradHidden);
    return loss;
  }

  @Override
  public void probabilities(float[] hidden, float[] out, double[] probs, HeadScratch s) {
    for (int k = 0; k < numClasses; k++) {
      probs[k] = Losses.score(hidden, out, k, dim);
    }
    dev.softclass.kernel.VectorOps.softmaxInPlace(probs, 0, numClasses);
  }

  /** The training count of each class the sampler was built from (a copy). */
  public double[] counts() {
    return sampler.counts();
  }
}
