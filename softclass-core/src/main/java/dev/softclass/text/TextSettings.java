package dev.softclass.text;

import dev.softclass.SoftclassException;
import dev.softclass.head.ClassSampler;
import dev.softclass.preprocess.text.TextNormalization;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every setting of a text model, validated; defaults are fastText's supervised ones except where
 * noted. Immutable.
 *
 * @param dim embedding width ({@code -dim}, default 100)
 * @param epochs passes over the data ({@code -epoch}, default 5)
 * @param lr initial learning rate, decaying linearly to 0 ({@code -lr}, default 0.1)
 * @param wordNgrams longest word n-gram ({@code -wordNgrams}, default 1)
 * @param minn shortest character n-gram ({@code -minn}, default 0: none)
 * @param maxn longest character n-gram ({@code -maxn}, default 0: none)
 * @param bucket hash buckets for n-grams ({@code -bucket}, default 2,000,000; unused without
 *     n-grams)
 * @param minCount minimal word count for the vocabulary ({@code -minCount}, default 1)
 * @param loss the head ({@code -loss}, default softmax)
 * @param neg negatives (ns) or sampled classes (sampled) per example ({@code -neg}, default 5)
 * @param sampler the candidate distribution of ns and sampled (default unigram, fastText's)
 * @param nsSoftmax whether a negative-sampling or one-vs-all model reports a softmax over its
 *     logits instead of per-class sigmoid scores (default false)
 * @param lowercase whether text is lower-cased (default false, as fastText)
 * @param normalization the Unicode normalisation before tokenising (default NFC; fastText has none)
 * @param threads training threads ({@code -thread})
 * @param hogwild lock-free parallel updates: faster, but the model then depends on thread timing
 * @param seed random seed ({@code -seed}, default 42)
 */
public record TextSettings(
    int dim,
    int epochs,
    double lr,
    int wordNgrams,
    int minn,
    int maxn,
    int bucket,
    int minCount,
    LossType loss,
    int neg,
    ClassSampler.Kind sampler,
    boolean nsSoftmax,
    boolean lowercase,
    TextNormalization normalization,
    int threads,
    boolean hogwild,
    long seed) {

  /** Checks every value and names the option of the first bad one. */
  public TextSettings {
    positive("--dim", dim);
    positive("--epochs", epochs);
    positive("--neg", neg);
    positive("--threads", threads);
    positive("--minCount", minCount);
    if (!(lr > 0) || !Double.isFinite(lr)) {
      throw new SoftclassException("--lr must be a number > 0, got " + lr);
    }
    if (normalization == null) {
      throw new SoftclassException("--normalization must be nfc, nfkc or none");
    }
  }

  private static void positive(String option, int value) {
    if (value < 1) {
      throw new SoftclassException(option + " must be at least 1, got " + value);
    }
  }

  /** fastText's supervised defaults, on all cores, deterministic. */
  public static TextSettings defaults() {
    return new TextSettings(
        100,
        5,
        0.1,
        1,
        0,
        0,
        2_000_000,
        1,
        LossType.SOFTMAX,
        5,
        ClassSampler.Kind.UNIGRAM,
        false,
        false,
        TextNormalization.NFC,
        Runtime.getRuntime().availableProcessors(),
        false,
        42);
  }

  /** The buckets actually used: none when there are no n-grams (as fastText does). */
  public int effectiveBuckets() {
    return wordNgrams <= 1 && maxn == 0 ? 0 : bucket;
  }

  /** The settings as written to {@code model.json}, in a fixed order (threads left out). */
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dim", dim);
    m.put("epochs", epochs);
    m.put("lr", lr);
    m.put("word_ngrams", wordNgrams);
    m.put("minn", minn);
    m.put("maxn", maxn);
    m.put("bucket", effectiveBuckets());
    m.put("min_count", minCount);
    m.put("loss", loss.id());
    m.put("neg", neg);
    m.put("sampler", sampler.id());
    m.put("ns_softmax", nsSoftmax);
    m.put("lowercase", lowercase);
    m.put("normalization", normalization.id());
    m.put("hogwild", hogwild);
    m.put("seed", seed);
    return m;
  }

  /** These settings with another thread count. */
  public TextSettings withThreads(int t) {
    return new TextSettings(
        dim,
        epochs,
        lr,
        wordNgrams,
        minn,
        maxn,
        bucket,
        minCount,
        loss,
        neg,
        sampler,
        nsSoftmax,
        lowercase,
        normalization,
        t,
        hogwild,
        seed);
  }
}
