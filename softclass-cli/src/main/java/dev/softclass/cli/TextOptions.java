package dev.softclass.cli;

import dev.softclass.SoftclassException;
import dev.softclass.head.ClassSampler;
import dev.softclass.preprocess.text.TextNormalization;
import dev.softclass.text.LossType;
import dev.softclass.text.TextSettings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options of {@code train --model-type text}, named as fastText names them where the meaning is
 * the same. Unset options take fastText's supervised defaults.
 */
final class TextOptions {
  @Option(names = "--dim", paramLabel = "N", description = "Text: embedding width (default: 100).")
  Integer dim;

  @Option(
      names = "--wordNgrams",
      paramLabel = "N",
      description = "Text: longest word n-gram (default: 1).")
  Integer wordNgrams;

  @Option(
      names = "--minn",
      paramLabel = "N",
      description = "Text: shortest character n-gram (default: 0, none).")
  Integer minn;

  @Option(
      names = "--maxn",
      paramLabel = "N",
      description = "Text: longest character n-gram (default: 0, none).")
  Integer maxn;

  @Option(
      names = "--bucket",
      paramLabel = "N",
      description = "Text: hash buckets for n-grams (default: 2000000).")
  Integer bucket;

  @Option(
      names = "--minCount",
      paramLabel = "N",
      description = "Text: minimal number of word occurrences (default: 1).")
  Integer minCount;

  /**
   * The head, from train's {@code --loss} (softmax, sampled, ns, hs or ova; null for softmax): one
   * option serves text and linear models, so it is set by the command, not parsed here.
   */
  String loss;

  @Option(
      names = "--neg",
      paramLabel = "N",
      description = "Text: negatives (ns) or sampled classes (sampled) per example (default: 5).")
  Integer neg;

  @Option(
      names = "--sampler",
      paramLabel = "unigram|log-uniform",
      description =
          "Text: distribution of sampled classes for ns and sampled (default: unigram, class"
              + " frequency^0.5 as fastText).")
  String sampler;

  @Option(
      names = "--ns-softmax",
      description =
          "Text: make an ns model report a softmax over its logits instead of per-class sigmoid"
              + " scores (which need not sum to 1).")
  boolean nsSoftmax;

  @Option(names = "--lowercase", description = "Text: lower-case the text (default: as written).")
  boolean lowercase;

  @Option(
      names = "--normalization",
      paramLabel = "nfc|nfkc|none",
      converter = NormalizationConverter.class,
      description =
          "Text: Unicode normalisation before splitting into words (default: nfc). nfc makes"
              + " composed and decomposed spellings of a character (e-acute as one code point or"
              + " as e and a combining accent) one token. nfkc also folds compatibility forms,"
              + " such as full-width letters (U+FF21 to A) and ligatures (U+FB01 to fi). none"
              + " takes the text as written: the same tokens as fastText, which reads raw bytes,"
              + " with composed and decomposed spellings kept apart where that difference is a"
              + " signal (such as how a source encodes its text).")
  TextNormalization normalization;

  @Option(
      names = "--hogwild",
      description =
          "Text: lock-free parallel SGD on all --threads. Faster, but NON-DETERMINISTIC: the"
              + " model then depends on thread timing. Without it the same seed gives the same"
              + " model for any thread count.")
  boolean hogwild;

  /** Reads {@code --normalization} by the names the model file uses, in any case. */
  static final class NormalizationConverter
      implements CommandLine.ITypeConverter<TextNormalization> {
    @Override
    public TextNormalization convert(String value) {
      return TextNormalization.ofId(value.toLowerCase(java.util.Locale.ROOT))
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      "expected nfc, nfkc or none but was '" + value + "'"));
    }
  }

  /** The options given, for the check that they are not used without a text model. */
  List<String> given() {
    List<String> out = new ArrayList<>();
    add(out, "--dim", dim);
    add(out, "--wordNgrams", wordNgrams);
    add(out, "--minn", minn);
    add(out, "--maxn", maxn);
    add(out, "--bucket", bucket);
    add(out, "--minCount", minCount);
    add(out, "--neg", neg);
    add(out, "--sampler", sampler);
    add(out, "--ns-softmax", nsSoftmax ? true : null);
    add(out, "--lowercase", lowercase ? true : null);
    add(out, "--normalization", normalization);
    add(out, "--hogwild", hogwild ? true : null);
    return out;
  }

  private static void add(List<String> out, String name, Object value) {
    if (value != null) {
      out.add(name);
    }
  }

  /** The settings: these options over fastText's defaults. */
  TextSettings settings(Integer epochs, Double lr, long seed, int threads) {
    TextSettings d = TextSettings.defaults();
    if (loss != null && !loss.equals("ns") && nsSoftmax) {
      throw new SoftclassException("--ns-softmax is for --loss ns");
    }
    return new TextSettings(
        or(dim, d.dim()),
        or(epochs, d.epochs()),
        lr != null ? lr : d.lr(),
        or(wordNgrams, d.wordNgrams()),
        or(minn, d.minn()),
        or(maxn, d.maxn()),
        or(bucket, d.bucket()),
        or(minCount, d.minCount()),
        loss == null ? d.loss() : LossType.parse(loss),
        or(neg, d.neg()),
        sampler == null ? d.sampler() : ClassSampler.Kind.parse(sampler),
        nsSoftmax,
        lowercase,
        normalization == null ? d.normalization() : normalization,
        threads,
        hogwild,
        seed);
  }

  private static int or(Integer v, int fallback) {
    return v == null ? fallback : v;
  }
}
