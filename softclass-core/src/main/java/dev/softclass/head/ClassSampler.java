package dev.softclass.head;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Draws classes for candidate sampling and reports each class's exact probability {@code Q(k)} of
 * being drawn (the log-Q correction of sampled softmax needs it). Two distributions:
 *
 * <ul>
 *   <li>{@code unigram}: {@code Q(k)} proportional to {@code count(k)^0.5}, the smoothed class
 *       frequency fastText draws its negatives from;
 *   <li>{@code log-uniform}: Zipf's law over the classes ranked by frequency, {@code Q(rank r) =
 *       log((r + 2) / (r + 1)) / log(K + 1)} (TensorFlow's {@code log_uniform_candidate_sampler}).
 * </ul>
 *
 * Draws take constant time (Walker's alias method). Immutable and thread-safe.
 */
public final class ClassSampler {
  /** The unigram smoothing exponent, as in fastText. */
  public static final double UNIGRAM_POWER = 0.5;

  /** The sampling distributions. */
  public enum Kind {
    /** Smoothed class frequency. */
    UNIGRAM,
    /** Zipf over frequency ranks. */
    LOG_UNIFORM;

    /** The name given to {@code --sampler}. */
    public String id() {
      return this == UNIGRAM ? "unigram" : "log-uniform";
    }

    /** Parses {@code unigram} or {@code log-uniform}. */
    public static Kind parse(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "unigram" -> UNIGRAM;
        case "log-uniform", "log_uniform", "loguniform" -> LOG_UNIFORM;
        default ->
            throw new dev.softclass.SoftclassException(
                "unknown sampler '" + name + "': expected unigram or log-uniform");
      };
    }
  }

  private final Kind kind;
  private final double[] counts;
  private final double[] q;
  private final double[] threshold;
  private final int[] alias;

  /**
   * @param counts training examples per class (each at least 0, not all 0)
   */
  public ClassSampler(Kind kind, double[] counts) {
    this.kind = kind;
    this.counts = counts.clone();
    int n = counts.length;
    double[] w = new double[n];
    if (kind == Kind.UNIGRAM) {
      for (int k = 0; k < n; k++) {
        w[k] = Math.pow(counts[k], UNIGRAM_POWER);
      }
    } else {
      Integer[] order = new Integer[n];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Double.compare(counts[b], counts[a]));
      for (int r = 0; r < n; r++) {
        w[order[r]] = Math.log((r + 2.0) / (r + 1.0));
      }
    }
    double sum = Arrays.stream(w).sum();
    if (!(sum > 0)) {
      throw new IllegalArgumentException("no class has a positive count");
    }
    q = new double[n];
    for (int k = 0; k < n; k++) {
      q[k] = w[k] / sum;
    }
    threshold = new double[n];
    alias = new int[n];
    buildAlias();
  }

  private void buildAlias() {
    int n = q.length;
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int k = 0; k < n; k++) {
      scaled[k] = q[k] * n;
      if (scaled[k] < 1) {
        small[ns++] = k;
      } else {
        large[nl++] = k;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      threshold[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    while (nl > 0) {
      threshold[large[--nl]] = 1;
    }
    while (ns > 0) {
      threshold[small[--ns]] = 1; // rounding leftovers
    }
  }

  /** The distribution. */
  public Kind kind() {
    return kind;
  }

  /** The class counts the distribution was built from (a copy). */
  public double[] counts() {
    return counts.clone();
  }

  /** Number of classes. */
  public int numClasses() {
    return q.length;
  }

  /** Probability that one draw gives class {@code k}. */
  public double probability(int k) {
    return q[k];
  }

  /** One draw. */
  public int sample(SplittableRandom random) {
    int k = random.nextInt(q.length);
    return random.nextDouble() < threshold[k] ? k : alias[k];
  }
}
