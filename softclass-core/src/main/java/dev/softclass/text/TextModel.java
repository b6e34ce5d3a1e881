package dev.softclass.text;

import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.body.EmbeddingBagBody;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.data.LabelEncoder;
import dev.softclass.head.HeadScratch;
import dev.softclass.head.HierarchicalSoftmaxHead;
import dev.softclass.head.OneVsAllHead;
import dev.softclass.head.SgdHead;
import dev.softclass.head.TopK;
import dev.softclass.io.TextModelFile;
import dev.softclass.preprocess.text.TextFeatures;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained text classifier: raw text in, class probabilities out. Text becomes embedding rows
 * ({@link TextFeatures}), an {@link EmbeddingBagBody} averages them, and an {@link SgdHead} with
 * its output matrix gives exact probabilities (whatever approximation trained it).
 *
 * <p>A model may carry a temperature {@code T} fitted on held-out data ({@link TextTemperature}):
 * every head's scores are linear in the body's output (no bias terms), so dividing the body's
 * output by {@code T} divides every logit by {@code T}, and prediction, evaluation and top-k search
 * all see the calibrated probabilities. {@code T = 1} is an uncalibrated model. A model whose
 * probabilities are a softmax over one logit per class (softmax, sampled softmax, negative sampling
 * with {@code --ns-softmax}) may also carry a bias per class, added to the scaled logits ({@link
 * TextBiasCalibration}).
 *
 * <p>A one-vs-all model trained on multi-label text (some line with several labels) is a
 * multi-label model: it carries a {@link LabelDecision} (every label whose sigmoid score reaches a
 * threshold, 0.5 by default) that turns its scores into a label set ({@link #decideLabels}).
 *
 * <p>Immutable once trained, and thread-safe: any number of threads may predict at once.
 */
public final class TextModel {
  private final LabelEncoder classes;
  private final TextFeatures features;
  private final EmbeddingBagBody body;
  private final SgdHead head;
  private final float[] output;
  private final ModelInfo info;
  private final double temperature;
  private final float inverseTemperature;
  private final double[] classBias;
  private final LabelDecision labelDecision;
  private final ThreadLocal<Work> work;

  /**
   * @param output the head's output matrix, {@code head.numRows() x body.dim()} row-major
   * @throws IllegalArgumentException if the parts do not fit together
   */
  public TextModel(
      LabelEncoder classes,
      TextFeatures features,
      EmbeddingBagBody body,
      SgdHead head,
      float[] output,
      ModelInfo info) {
    this(classes, features, body, head, output, info, 1, null);
  }

  /**
   * @param output the head's output matrix, {@code head.numRows() x body.dim()} row-major
   * @param temperature divides every logit; 1 for an uncalibrated model
   * @param classBias added to the scaled logit of each class, or null for none; only for a head
   *     whose probabilities are a softmax over one logit per class
   * @throws IllegalArgumentException if the parts do not fit together, the temperature is not
   *     finite and positive, or the bias does not fit the head
   */
  public TextModel(
      LabelEncoder classes,
      TextFeatures features,
      EmbeddingBagBody body,
      SgdHead head,
      float[] output,
      ModelInfo info,
      double temperature,
      double[] classBias) {
    this(classes, features, body, head, output, info, temperature, classBias, null);
  }

  /**
   * @param output the head's output matrix, {@code head.numRows() x body.dim()} row-major
   * @param temperature divides every logit; 1 for an uncalibrated model
   * @param classBias added to the scaled logit of each class, or null for none; only for a head
   *     whose probabilities are a softmax over one logit per class
   * @param labelDecision how a multi-label model chooses its labels, or null for a model that
   *     predicts one class; only for a one-vs-all head
   * @throws IllegalArgumentException if the parts do not fit together, the temperature is not
   *     finite and positive, the bias does not fit the head, or the label decision does not fit the
   *     head or the classes
   */
  public TextModel(
      LabelEncoder classes,
      TextFeatures features,
      EmbeddingBagBody body,
      SgdHead head,
      float[] output,
      ModelInfo info,
      double temperature,
      double[] classBias,
      LabelDecision labelDecision) {
    if (labelDecision != null
        && (!(head instanceof OneVsAllHead)
            || (labelDecision.perLabel() != null
                && labelDecision.perLabel().length != head.numClasses()))) {
      throw new IllegalArgumentException(
          "a label decision needs a one-vs-all head and, if per-label thresholds, one per class");
    }
    this.labelDecision = labelDecision;
    if (!(temperature > 0 && Double.isFinite(temperature))) {
      throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
    }
    if (classBias != null) {
      if (!TextBiasCalibration.applies(head) || classBias.length != head.numClasses()) {
        throw new IllegalArgumentException(
            "a class bias needs a softmax over one logit per class and one value per class");
      }
      for (double b : classBias) {
        if (!Double.isFinite(b)) {
          throw new IllegalArgumentException("class bias values must be finite, got " + b);
        }
      }
      classBias = classBias.clone();
    }
    this.classBias = classBias;
    this.temperature = temperature;
    this.inverseTemperature = (float) (1 / temperature);
    this.classes = Objects.requireNonNull(classes);
    this.features = Objects.requireNonNull(features);
    this.body = Objects.requireNonNull(body);
    this.head = Objects.requireNonNull(head);
    this.output = Objects.requireNonNull(output);
    this.info = Objects.requireNonNull(info);
    if (features.rows() != body.rows()
        || head.dim() != body.dim()
        || head.numClasses() != classes.size()
        || output.length != head.numRows() * body.dim()) {
      throw new IllegalArgumentException(
          "parts do not fit: "
              + features.rows()
              + " feature rows vs "
              + body.rows()
              + " embeddings; head for "
              + head.numClasses()
              + " classes of width "
              + head.dim()
              + " vs "
              + classes.size()
              + " classes of width "
              + body.dim());
    }
    this.work = ThreadLocal.withInitial(() -> new Work(head, body.dim()));
  }

  /** Reads a text model saved by {@link #save}. */
  public static TextModel load(Path file) {
    return TextModelFile.read(file);
  }

  /** Saves atomically (temporary file, then rename). */
  public void save(Path file) {
    TextModelFile.write(this, file);
  }

  /** Class names, in probability order. */
  public List<String> classes() {
    return classes.classes();
  }

  /** The class-name encoder. */
  public LabelEncoder encoder() {
    return classes;
  }

  /** The text-to-rows map (vocabulary, n-gram settings, tokenizer). */
  public TextFeatures features() {
    return features;
  }

  /** The body. */
  public EmbeddingBagBody body() {
    return body;
  }

  /** The head. */
  public SgdHead head() {
    return head;
  }

  /** The output matrix (shared; do not modify). */
  public float[] output() {
    return output;
  }

  /** Settings, metrics, provenance. */
  public ModelInfo info() {
    return info;
  }

  /** This model with other info. */
  public TextModel withInfo(ModelInfo newInfo) {
    return new TextModel(
        classes, features, body, head, output, newInfo, temperature, classBias, labelDecision);
  }

  /** The temperature dividing every logit: 1 when the model is not calibrated. */
  public double temperature() {
    return temperature;
  }

  /** The bias added to each class's scaled logit (a copy), or null when there is none. */
  public double[] classBias() {
    return classBias == null ? null : classBias.clone();
  }

  /** Whether a temperature other than 1 or a class bias calibrates the probabilities. */
  public boolean isCalibrated() {
    return temperature != 1 || classBias != null;
  }

  /**
   * This model with the given temperature and no class bias (1 removes calibration). The weights
   * are shared, not copied.
   *
   * @throws IllegalArgumentException unless the temperature is finite and positive
   */
  public TextModel withTemperature(double t) {
    return withCalibration(t, null);
  }

  /**
   * This model with the given temperature and class bias (null for none). The weights are shared.
   *
   * @throws IllegalArgumentException as the constructor
   */
  public TextModel withCalibration(double t, double[] bias) {
    return new TextModel(classes, features, body, head, output, info, t, bias, labelDecision);
  }

  /**
   * Whether this model predicts label sets: one-vs-all sigmoids trained on multi-label text, with a
   * {@link #labelDecision()}.
   */
  public boolean isMultiLabel() {
    return labelDecision != null;
  }

  /** "multilabel" for a multi-label model, else "binary" for two classes, "multiclass" for more. */
  public String task() {
    return isMultiLabel() ? "multilabel" : classes.size() == 2 ? "binary" : "multiclass";
  }

  /** How a multi-label model chooses its labels (empty for a model that predicts one class). */
  public Optional<LabelDecision> labelDecision() {
    return Optional.ofNullable(labelDecision);
  }

  /**
   * This multi-label model with another label decision. The weights are shared, not copied.
   *
   * @throws SoftclassException if the model is not multi-label
   * @throws IllegalArgumentException if per-label thresholds are not one per class
   */
  public TextModel withLabelDecision(LabelDecision decision) {
    if (!isMultiLabel()) {
      throw new SoftclassException(
          "label thresholds, top-k and the at-least-one fallback are for multi-label text models"
              + " (--loss ova trained on lines with several labels); this one is "
              + task());
    }
    return new TextModel(
        classes,
        features,
        body,
        head,
        output,
        info,
        temperature,
        classBias,
        Objects.requireNonNull(decision));
  }

  /**
   * The labels a multi-label model chooses for scores from {@link #predictProba}, in increasing
   * class order (see {@link LabelDecision}).
   *
   * @throws SoftclassException if the model is not multi-label
   */
  public int[] decideLabels(double[] probs) {
    if (labelDecision == null) {
      throw new SoftclassException("this " + task() + " text model predicts one class, not sets");
    }
    return labelDecision.decide(probs);
  }

  /**
   * "softmax" when the probabilities are a distribution over the classes, "sigmoid" when they are
   * independent per-class scores (negative sampling and one-vs-all without {@code --ns-softmax}).
   */
  public String probabilityKind() {
    return head.sumsToOne() ? "softmax" : "sigmoid";
  }

  /** The exact probability (or sigmoid score) of every class for one text. */
  public double[] predictProba(String text) {
    Work w = hidden(text);
    double[] p = new double[classes.size()];
    probabilities(w, p);
    return p;
  }

  /**
   * The {@code k} most probable classes whose probability is at least {@code minProb}, most
   * probable first. Hierarchical softmax finds them by a pruned search without scoring every class.
   *
   * @throws SoftclassException if {@code k < 1} or {@code minProb} is outside [0, 1]
   */
  public TopPredictions predict(String text, int k, double minProb) {
    if (k < 1 || !(minProb >= 0 && minProb <= 1)) {
      throw new SoftclassException(
          "--k must be at least 1 and --min-prob in [0, 1]; got " + k + " and " + minProb);
    }
    Work w = hidden(text);
    int kk = Math.min(k, classes.size());
    int[] labels = new int[kk];
    double[] probs = new double[kk];
    int n =
        classBias == null
            ? head.topK(w.hidden, output, kk, minProb, labels, probs, w.scratch)
            : topKWithBias(w, kk, minProb, labels, probs);
    return new TopPredictions(
        java.util.Arrays.copyOf(labels, n), java.util.Arrays.copyOf(probs, n));
  }

  /**
   * The most probable class and the probability of class {@code label}, normalised over the classes
   * when the head gives sigmoid scores (so it can enter a log loss); for hierarchical softmax only
   * the label's path and the top-1 search are scored.
   */
  public Scored score(String text, int label) {
    return score(text, label, 1);
  }

  /**
   * As {@link #score(String, int)}, and whether {@code label} is among the {@code k} most probable
   * classes (ties ranked as the argmax ranks them, lower class index first). Hierarchical softmax
   * finds the top {@code k} by its pruned search.
   *
   * @throws SoftclassException if {@code k < 1}
   */
  public Scored score(String text, int label, int k) {
    if (k < 1) {
      throw new SoftclassException("top-k accuracy needs k of at least 1; got " + k);
    }
    Work w = hidden(text);
    if (head instanceof HierarchicalSoftmaxHead hs) {
      int kk = Math.min(k, classes.size());
      int[] top = new int[kk];
      double[] topP = new double[kk];
      int found = hs.topK(w.hidden, output, kk, 0, top, topP, w.scratch);
      boolean inTopK = false;
      for (int i = 0; i < found; i++) {
        inTopK |= top[i] == label;
      }
      double p = label < 0 ? 0 : hs.probability(w.hidden, output, label);
      return new Scored(top[0], topP[0], p, label >= 0 && inTopK);
    }
    double[] p = w.probs;
    probabilities(w, p);
    double sum = 1;
    if (!head.sumsToOne()) {
      sum = 0;
      for (double v : p) {
        sum += v;
      }
    }
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    if (label < 0) {
      return new Scored(best, p[best] / sum, 0, false);
    }
    int ahead = 0;
    for (int c = 0; c < p.length && ahead < k; c++) {
      if (p[c] > p[label] || (p[c] == p[label] && c < label)) {
        ahead++;
      }
    }
    return new Scored(best, p[best] / sum, p[label] / sum, ahead < k);
  }

  private int topKWithBias(Work w, int k, double minProb, int[] labels, double[] probs) {
    probabilities(w, w.probs);
    return TopK.select(w.probs, k, minProb, labels, probs);
  }

  /** The head's probabilities of the (scaled) hidden vector in {@code w}, with the class bias. */
  private void probabilities(Work w, double[] p) {
    if (classBias == null) {
      head.probabilities(w.hidden, output, p, w.scratch);
      return;
    }
    int dim = body.dim();
    for (int k = 0; k < p.length; k++) {
      p[k] = dev.softclass.kernel.VectorOps.dot(w.hidden, 0, output, k * dim, dim) + classBias[k];
    }
    dev.softclass.kernel.VectorOps.softmaxInPlace(p, 0, p.length);
  }

  private Work hidden(String text) {
    Work w = work.get();
    int[] ids = features.features(text);
    body.hidden(ids, 0, ids.length, w.hidden);
    if (temperature != 1) {
      for (int i = 0; i < w.hidden.length; i++) {
        w.hidden[i] *= inverseTemperature;
      }
    }
    return w;
  }

  /**
   * The top classes of one text.
   *
   * @param classes class indices, most probable first
   * @param probabilities their probabilities
   */
  public record TopPredictions(int[] classes, double[] probabilities) {}

  /**
   * One text scored against its label.
   *
   * @param top the most probable class
   * @param topProbability its (normalised) probability
   * @param labelProbability the (normalised) probability of the given label, 0 for none
   * @param inTopK whether the given label is among the {@code k} most probable classes
   */
  public record Scored(int top, double topProbability, double labelProbability, boolean inTopK) {}

  private static final class Work {
    final float[] hidden;
    final double[] probs;
    final HeadScratch scratch;

    Work(SgdHead head, int dim) {
      hidden = new float[dim];
      probs = new double[head.numClasses()];
      scratch = head.newScratch(0);
    }
  }
}
