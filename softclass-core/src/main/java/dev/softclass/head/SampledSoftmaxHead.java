package dev.softclass.head;

/**
 * Sampled softmax (Bengio and Senecal 2008; Jean et al. 2015): each training step makes {@code
 * numSampled} draws from a {@link ClassSampler}, keeps the distinct classes drawn other than the
 * true class (draws of the true class are TensorFlow's "accidental hits"), lowers each kept class's
 * logit by the log of its inclusion probability {@code pi(k) = 1 - (1 - Q(k))^numSampled} (the
 * log-Q correction) and takes a softmax cross-entropy step over the true class and these
 * candidates. The true class's logit is not corrected: it is always a candidate, and the corrected
 * drawn terms {@code sum exp(z_k) / pi(k)} are an unbiased (Horvitz-Thompson) estimate of the rest
 * of the full softmax's normaliser (as in Blanc and Rendle 2018). TensorFlow's {@code
 * sampled_softmax_loss} corrects the true logit too, by its expected count; with few draws of many
 * classes of similar frequency that cancels the correction (every candidate is shifted alike), and
 * the model only learns to beat a handful of classes (on udhr_langid, 447 classes, 5 draws: log
 * loss 1.77 against about 1.35; at 200 draws both give 0.75-0.76). TensorFlow's variant is the
 * ranking estimator that Ma and Collins (2018) prove consistent for a well-specified model, and on
 * a small synthetic problem it does land closer to the full softmax's solution; every sampled
 * softmax is biased for a finite number of draws. With {@code numSampled >= K - 1} every other
 * class is a candidate, uncorrected: the step is the full softmax's. Prediction is the exact full
 * softmax over all classes.
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
    int n = drawCandidates(label, s);
    int[] rows = s.rows;
    double[] z = s.coefficients;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      z[i] = Losses.trainingScore(hidden, out, rows[i], dim, s);
      if (i > 0) {
        z[i] -= s.scores[i];
      }
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
    Losses.apply(hidden, out, dim, rows, z, n, gradHidden, s);
    return loss;
  }

  /**
   * Fills {@code s.rows} with the label and then the distinct classes other than the label among
   * {@code numSampled} draws, and {@code s.scores[i]} with the log of each drawn class's inclusion
   * probability {@code 1 - (1 - Q(k))^numSampled}. With {@code numSampled >= K - 1} every other
   * class is a candidate with correction 0 (the step is the full softmax's).
   *
   * @return the number of candidates, the label included
   */
  private int drawCandidates(int label, HeadScratch s) {
    boolean all = numSampled >= numClasses - 1;
    s.ensure(all ? numClasses : numSampled + 1);
    int[] rows = s.rows;
    double[] correction = s.scores;
    rows[0] = label;
    int n = 1;
    if (all) {
      for (int k = 0; k < numClasses; k++) {
        if (k != label) {
          correction[n] = 0;
          rows[n++] = k;
        }
      }
      return n;
    }
    int[] marks = s.marks(numClasses);
    int mark = s.mark();
    marks[label] = mark;
    for (int i = 0; i < numSampled; i++) {
      int c = sampler.sample(s.random);
      if (marks[c] != mark) {
        marks[c] = mark;
        correction[n] = Math.log(-Math.expm1(numSampled * Math.log1p(-sampler.probability(c))));
        rows[n++] = c;
      }
    }
    return n;
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
