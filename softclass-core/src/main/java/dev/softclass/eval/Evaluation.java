package dev.softclass.eval;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well predicted probabilities match true classes: accuracy, balanced accuracy, precision,
 * recall and F1 (per class, macro, micro, weighted), log loss, Brier score, ROC AUC and average
 * precision (binary, or one-vs-rest macro and weighted), top-k accuracy, the confusion matrix, and
 * calibration (reliability diagrams with equal-width and equal-mass bins, ECE and MCE). Each metric
 * follows scikit-learn's definition; the Javadoc of each accessor says which. Immutable.
 *
 * <p>Decisions (confusion matrix, accuracy, F1...) are the argmax of the probabilities (the lowest
 * class index on a tie), or for a binary model with a decision threshold, class 1 when its
 * probability is at least the threshold.
 */
public final class Evaluation {
  /** Probabilities are clipped to {@code [EPS, 1 - EPS]} for the log loss (scikit-learn 1.2+). */
  public static final double EPS = Math.ulp(1.0);

  private static final int[] REPORTED_TOP_K = {1, 2, 3, 5};

  private final List<String> classNames;
  private final int n;
  private final double threshold;
  private final int[][] confusion;
  private final double logLoss;
  private final double brier;
  private final double[] topK;
  private final List<BinaryCurve> curves;
  private final List<ClassMetrics> perClass;
  private final ReliabilityDiagram equalWidth;
  private final ReliabilityDiagram equalMass;

  private Evaluation(double[][] probs, int[] truth, List<String> classNames, double threshold) {
    int k = classNames.size();
    this.classNames = List.copyOf(classNames);
    this.n = truth.length;
    this.threshold = threshold;
    if (probs.length != n) {
      throw new IllegalArgumentException(probs.length + " predictions for " + n + " labels");
    }
    if (n == 0) {
      throw new SoftclassException("nothing to evaluate: the data have no rows");
    }
    if (!Double.isNaN(threshold) && k != 2) {
      throw new IllegalArgumentException("a decision threshold needs 2 classes, not " + k);
    }
    confusion = new int[k][k];
    topK = new double[k];
    double[] confidence = new double[n];
    boolean[] correct = new boolean[n];
    double loss = 0;
    double brierSum = 0;
    for (int i = 0; i < n; i++) {
      double[] p = probs[i];
      int t = truth[i];
      if (t < 0 || t >= k || p.length != k) {
        throw new IllegalArgumentException(
            "row "
                + i
                + ": class "
                + t
                + " with "
                + p.length
                + " probabilities, for "
                + k
                + " classes");
      }
      int predicted = Double.isNaN(threshold) ? Model.argmax(p) : (p[1] >= threshold ? 1 : 0);
      confusion[t][predicted]++;
      int top = Model.argmax(p);
      confidence[i] = p[top];
      correct[i] = top == t;
      loss -= clippedLogProbability(p, t);
      if (k == 2) {
        double d = p[1] - (t == 1 ? 1 : 0);
        brierSum += d * d;
      } else {
        for (int c = 0; c < k; c++) {
          double d = p[c] - (c == t ? 1 : 0);
          brierSum += d * d;
        }
      }
      topK[rank(p, t)]++;
    }
    for (int r = 1; r < k; r++) {
      topK[r] += topK[r - 1];
    }
    for (int r = 0; r < k; r++) {
      topK[r] /= n;
    }
    logLoss = loss / n;
    brier = brierSum / n;
    curves = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      double[] scores = new double[n];
      boolean[] positive = new boolean[n];
      for (int i = 0; i < n; i++) {
        scores[i] = probs[i][c];
        positive[i] = truth[i] == c;
      }
      curves.add(BinaryCurve.of(scores, positive));
    }
    perClass = classMetrics();
    equalWidth =
        ReliabilityDiagram.of(
            confidence, correct, ReliabilityDiagram.DEFAULT_BINS, BinStrategy.EQUAL_WIDTH);
    equalMass =
        ReliabilityDiagram.of(
            confidence, correct, ReliabilityDiagram.DEFAULT_BINS, BinStrategy.EQUAL_MASS);
  }

  /**
   * Evaluates {@code model} on labelled {@code data}, with the model's own decision rule (its
   * threshold, if it has one).
   *
   * @throws SoftclassException if the data have no labels
   */
  public static Evaluation of(Model model, Dataset data) {
    if (!data.hasLabels()) {
      throw new SoftclassException(data.source() + ": evaluation needs a label for every row");
    }
    double threshold = model.threshold().map(t -> t.value()).orElse(Double.NaN);
    return of(model.predictProba(data), data.labels(), model.classes(), threshold);
  }

  /**
   * Evaluates any predictor (a model or an ensemble) on labelled {@code data}; a {@link Model}
   * decides with its own rule (its threshold, if it has one), others by argmax.
   *
   * @throws SoftclassException if the data have no labels
   */
  public static Evaluation of(dev.softclass.Predictor predictor, Dataset data) {
    if (predictor instanceof Model model) {
      return of(model, data);
    }
    if (!data.hasLabels()) {
      throw new SoftclassException(data.source() + ": evaluation needs a label for every row");
    }
    return of(predictor.predictProba(data), data.labels(), predictor.classes());
  }

  /**
   * Evaluates probabilities against true classes, deciding by argmax.
   *
   * @param probs one row of class probabilities per example
   * @param truth the true class index per example
   * @param classNames the class names, in probability order
   * @throws SoftclassException if there are no rows
   * @throws IllegalArgumentException if the shapes do not fit together
   */
  public static Evaluation of(double[][] probs, int[] truth, List<String> classNames) {
    return new Evaluation(probs, truth, classNames, Double.NaN);
  }

  /**
   * Evaluates binary probabilities deciding class 1 when {@code probs[i][1] >= threshold}, or by
   * argmax when {@code threshold} is NaN.
   */
  public static Evaluation of(
      double[][] probs, int[] truth, List<String> classNames, double threshold) {
    return new Evaluation(probs, truth, classNames, threshold);
  }

  /** {@code log p_t} after clipping to {@code [EPS, 1 - EPS]} and renormalising, as sklearn. */
  private static double clippedLogProbability(double[] p, int t) {
    double sum = 0;
    for (double v : p) {
      sum += clip(v);
    }
    return Math.log(clip(p[t]) / sum);
  }

  private static double clip(double v) {
    return Math.min(Math.max(v, EPS), 1 - EPS);
  }

  /** Rank of the true class: classes more probable, or as probable with a lower index. */
  private static int rank(double[] p, int t) {
    int r = 0;
    for (int c = 0; c < p.length; c++) {
      if (p[c] > p[t] || (p[c] == p[t] && c < t)) {
        r++;
      }
    }
    return r;
  }

  private List<ClassMetrics> classMetrics() {
    int k = classNames.size();
    List<ClassMetrics> out = new ArrayList<>(k);
    for (int c = 0; c < k; c++) {
      int tp = confusion[c][c];
      int actual = 0;
      int predicted = 0;
      for (int j = 0; j < k; j++) {
        actual += confusion[c][j];
        predicted += confusion[j][c];
      }
      double precision = predicted == 0 ? 0 : (double) tp / predicted;
      double recall = actual == 0 ? 0 : (double) tp / actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      BinaryCurve curve = curves.get(c);
      out.add(
          new ClassMetrics(
              classNames.get(c),
              precision,
              recall,
              f1,
              actual,
              curve.rocAuc(),
              curve.averagePrecision()));
    }
    return List.copyOf(out);
  }

  /** Number of rows. */
  public int n() {
    return n;
  }

  /** The class names, in probability order. */
  public List<String> classNames() {
    return classNames;
  }

  /** The decision threshold on class 1's probability, or NaN for argmax decisions. */
  public double threshold() {
    return threshold;
  }

  /** Fraction of rows decided right (scikit-learn {@code accuracy_score}). */
  public double accuracy() {
    int right = 0;
    for (int c = 0; c < confusion.length; c++) {
      right += confusion[c][c];
    }
    return (double) right / n;
  }

  /**
   * Mean recall over the classes present in the truth (scikit-learn {@code
   * balanced_accuracy_score}).
   */
  public double balancedAccuracy() {
    double sum = 0;
    int present = 0;
    for (ClassMetrics c : perClass) {
      if (c.support() > 0) {
        sum += c.recall();
        present++;
      }
    }
    return sum / present;
  }

  /**
   * Mean negative log probability of the true class, probabilities clipped to {@code [EPS, 1 -
   * EPS]} ({@code EPS} = 2^-52) and each row renormalised (scikit-learn 1.2's {@code log_loss}).
   */
  public double logLoss() {
    return logLoss;
  }

  /**
   * Brier score: for two classes the mean of {@code (p1 - y1)^2} (scikit-learn {@code
   * brier_score_loss}), for more the mean over rows of {@code sum_c (p_c - y_c)^2} (scikit-learn
   * 1.7's multi-class definition).
   */
  public double brier() {
    return brier;
  }

  /**
   * Unweighted mean F1 over the classes present in truth or decisions (scikit-learn {@code
   * f1_score(average="macro")}).
   */
  public double macroF1() {
    double sum = 0;
    int present = 0;
    for (int c = 0; c < perClass.size(); c++) {
      if (perClass.get(c).support() > 0 || predictedCount(c) > 0) {
        sum += perClass.get(c).f1();
        present++;
      }
    }
    return sum / present;
  }

  /**
   * F1 of all decisions pooled ({@code f1_score(average="micro")}); for single-label data this
   * equals the accuracy.
   */
  public double microF1() {
    return accuracy();
  }

  /** F1 per class weighted by support ({@code f1_score(average="weighted")}). */
  public double weightedF1() {
    double sum = 0;
    for (ClassMetrics c : perClass) {
      sum += c.f1() * c.support();
    }
    return sum / n;
  }

  /**
   * ROC AUC: for two classes that of class 1's probability ({@code roc_auc_score}); for more, the
   * unweighted mean of each class against the rest ({@code multi_class="ovr", average="macro"}),
   * over the classes where it is defined. NaN when defined for none.
   */
  public double rocAuc() {
    return classNames.size() == 2 ? perClass.get(1).rocAuc() : mean(true, false);
  }

  /**
   * As {@link #rocAuc()}, the one-vs-rest mean weighted by support ({@code average="weighted"}).
   */
  public double rocAucWeighted() {
    return classNames.size() == 2 ? perClass.get(1).rocAuc() : mean(true, true);
  }

  /**
   * Average precision (area under the precision-recall curve, uninterpolated): for two classes that
   * of class 1 ({@code average_precision_score}); for more, the unweighted one-vs-rest mean over
   * the classes present.
   */
  public double averagePrecision() {
    return classNames.size() == 2 ? perClass.get(1).averagePrecision() : mean(false, false);
  }

  /** As {@link #averagePrecision()}, the one-vs-rest mean weighted by support. */
  public double averagePrecisionWeighted() {
    return classNames.size() == 2 ? perClass.get(1).averagePrecision() : mean(false, true);
  }

  private double mean(boolean auc, boolean weighted) {
    double sum = 0;
    double weight = 0;
    for (ClassMetrics c : perClass) {
      double v = auc ? c.rocAuc() : c.averagePrecision();
      if (!Double.isNaN(v)) {
        double w = weighted ? c.support() : 1;
        sum += w * v;
        weight += w;
      }
    }
    return weight == 0 ? Double.NaN : sum / weight;
  }

  /**
   * Share of rows whose true class is among the {@code k} most probable ({@code
   * top_k_accuracy_score}; ties ranked as the argmax ranks them, lower class index first).
   *
   * @param k at least 1; values of {@code k} at or above the number of classes give 1
   */
  public double topKAccuracy(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
    return topK[Math.min(k, topK.length) - 1];
  }

  /**
   * Expected calibration error of the top-label confidence over {@value
   * ReliabilityDiagram#DEFAULT_BINS} equal-width bins.
   */
  public double ece() {
    return equalWidth.ece();
  }

  /** Maximum calibration error over the same bins as {@link #ece()}. */
  public double mce() {
    return equalWidth.mce();
  }

  /**
   * The reliability diagram of the top-label confidence over {@value
   * ReliabilityDiagram#DEFAULT_BINS} bins.
   */
  public ReliabilityDiagram reliability(BinStrategy strategy) {
    return strategy == BinStrategy.EQUAL_WIDTH ? equalWidth : equalMass;
  }

  /** Metrics per class, in class order. */
  public List<ClassMetrics> perClass() {
    return perClass;
  }

  /** The ranking curve of class {@code c} against the rest, scored by its probability. */
  public BinaryCurve curve(int c) {
    return curves.get(c);
  }

  /** {@code confusion[true][decided]} counts (a copy). */
  public int[][] confusion() {
    int[][] copy = new int[confusion.length][];
    for (int c = 0; c < confusion.length; c++) {
      copy[c] = confusion[c].clone();
    }
    return copy;
  }

  private int predictedCount(int c) {
    int count = 0;
    for (int[] row : confusion) {
      count += row[c];
    }
    return count;
  }

  /**
   * The metrics as an ordered map with the keys of {@code softclass eval --json}: {@code n}, {@code
   * accuracy}, {@code balanced_accuracy}, {@code macro_f1}, {@code micro_f1}, {@code weighted_f1},
   * {@code log_loss}, {@code brier}, {@code roc_auc}, {@code roc_auc_weighted}, {@code
   * average_precision}, {@code average_precision_weighted}, {@code top_k_accuracy} (an object keyed
   * by k), {@code ece}, {@code mce}, {@code ece_equal_mass}, {@code mce_equal_mass}, {@code
   * threshold} (only with a decision threshold), {@code per_class}, {@code confusion} and {@code
   * reliability}. Undefined values are null.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("accuracy", accuracy());
    m.put("balanced_accuracy", balancedAccuracy());
    m.put("macro_f1", macroF1());
    m.put("micro_f1", microF1());
    m.put("weighted_f1", weightedF1());
    m.put("log_loss", logLoss);
    m.put("brier", brier);
    m.put("roc_auc", orNull(rocAuc()));
    m.put("roc_auc_weighted", orNull(rocAucWeighted()));
    m.put("average_precision", orNull(averagePrecision()));
    m.put("average_precision_weighted", orNull(averagePrecisionWeighted()));
    Map<String, Object> top = new LinkedHashMap<>();
    for (int k : REPORTED_TOP_K) {
      if (k == 1 || k < classNames.size()) {
        top.put(Integer.toString(k), topKAccuracy(k));
      }
    }
    m.put("top_k_accuracy", top);
    m.put("ece", ece());
    m.put("mce", mce());
    m.put("ece_equal_mass", equalMass.ece());
    m.put("mce_equal_mass", equalMass.mce());
    if (!Double.isNaN(threshold)) {
      m.put("threshold", threshold);
    }
    Map<String, Object> classes = new LinkedHashMap<>();
    for (ClassMetrics c : perClass) {
      Map<String, Object> cm = new LinkedHashMap<>();
      cm.put("precision", c.precision());
      cm.put("recall", c.recall());
      cm.put("f1", c.f1());
      cm.put("support", c.support());
      cm.put("roc_auc", orNull(c.rocAuc()));
      cm.put("average_precision", orNull(c.averagePrecision()));
      classes.put(c.name(), cm);
    }
    m.put("per_class", classes);
    Map<String, Object> conf = new LinkedHashMap<>();
    conf.put("labels", classNames);
    conf.put("matrix", confusion());
    m.put("confusion", conf);
    Map<String, Object> rel = new LinkedHashMap<>();
    rel.put("confidence", "top-label");
    rel.put("bins", ReliabilityDiagram.DEFAULT_BINS);
    rel.put(BinStrategy.EQUAL_WIDTH.id(), equalWidth.toList());
    rel.put(BinStrategy.EQUAL_MASS.id(), equalMass.toList());
    m.put("reliability", rel);
    return m;
  }

  private static Double orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
