package dev.softclass.eval;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import dev.softclass.data.LabelSets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of a multi-label model on labelled data, computed once from each row's label
 * probabilities, chosen labels and true label set, with scikit-learn's definitions: subset accuracy
 * ({@code accuracy_score} on indicator matrices), Hamming loss, micro / macro / samples / weighted
 * F1 ({@code zero_division=0}), label-ranking average precision, coverage error, and per label
 * precision, recall, F1, ROC AUC, average precision and calibration error. Immutable.
 */
public final class MultiLabelEvaluation {
  private final int n;
  private final List<String> labels;
  private final double subsetAccuracy;
  private final double hammingLoss;
  private final double microPrecision;
  private final double microRecall;
  private final double microF1;
  private final double samplesF1;
  private final double lrap;
  private final double coverageError;
  private final List<LabelMetrics> perLabel;

  private MultiLabelEvaluation(
      int n,
      List<String> labels,
      double subsetAccuracy,
      double hammingLoss,
      double microPrecision,
      double microRecall,
      double microF1,
      double samplesF1,
      double lrap,
      double coverageError,
      List<LabelMetrics> perLabel) {
    this.n = n;
    this.labels = List.copyOf(labels);
    this.subsetAccuracy = subsetAccuracy;
    this.hammingLoss = hammingLoss;
    this.microPrecision = microPrecision;
    this.microRecall = microRecall;
    this.microF1 = microF1;
    this.samplesF1 = samplesF1;
    this.lrap = lrap;
    this.coverageError = coverageError;
    this.perLabel = List.copyOf(perLabel);
  }

  /**
   * A multi-label model's metrics on {@code data}, with the labels the model's decision chooses.
   *
   * @throws SoftclassException if the model is not multi-label or the data have no labels
   */
  public static MultiLabelEvaluation of(Model model, Dataset data) {
    if (!model.isMultiLabel()) {
      throw new SoftclassException("multi-label metrics need a multi-label model");
    }
    if (!data.hasLabelSets() && !data.hasLabels()) {
      throw new SoftclassException(data.source() + ": evaluation needs labelled data");
    }
    double[][] probs = model.predictProba(data);
    int[][] chosen = new int[probs.length][];
    for (int r = 0; r < probs.length; r++) {
      chosen[r] = model.decideLabels(probs[r]);
    }
    double[] thresholds = new double[model.classes().size()];
    for (int k = 0; k < thresholds.length; k++) {
      thresholds[k] = model.labelDecision().orElseThrow().threshold(k);
    }
    return of(probs, chosen, data.asLabelSets(), model.classes(), thresholds);
  }

  /**
   * Metrics of given probabilities and decisions.
   *
   * @param probs each row's probability of each label
   * @param chosen each row's chosen labels (any order)
   * @param truth each row's true labels
   * @param labels the label names
   * @param thresholds the threshold used for each label (reported only), or {@code null}
   * @throws IllegalArgumentException if the sizes differ or there are no rows
   */
  public static MultiLabelEvaluation of(
      double[][] probs, int[][] chosen, LabelSets truth, List<String> labels, double[] thresholds) {
    int n = probs.length;
    int l = labels.size();
    if (n == 0 || chosen.length != n || truth.rows() != n || truth.numLabels() != l) {
      throw new IllegalArgumentException(
          n
              + " probability rows, "
              + chosen.length
              + " decisions, "
              + truth.rows()
              + " label sets of "
              + truth.numLabels()
              + " labels, "
              + l
              + " label names");
    }
    boolean[][] yTrue = new boolean[n][l];
    boolean[][] yPred = new boolean[n][l];
    for (int r = 0; r < n; r++) {
      for (int k : truth.labels(r)) {
        yTrue[r][k] = true;
      }
      for (int k : chosen[r]) {
        yPred[r][k] = true;
      }
    }
    long[] tp = new long[l];
    long[] fp = new long[l];
    long[] fn = new long[l];
    int exact = 0;
    long mismatches = 0;
    double samplesF1Sum = 0;
    for (int r = 0; r < n; r++) {
      boolean same = true;
      long rowTp = 0;
      long rowTrue = 0;
      long rowPred = 0;
      for (int k = 0; k < l; k++) {
        boolean t = yTrue[r][k];
        boolean p = yPred[r][k];
        if (t != p) {
          same = false;
          mismatches++;
        }
        if (t && p) {
          tp[k]++;
          rowTp++;
        } else if (p) {
          fp[k]++;
        } else if (t) {
          fn[k]++;
        }
        rowTrue += t ? 1 : 0;
        rowPred += p ? 1 : 0;
      }
      exact += same ? 1 : 0;
      samplesF1Sum += ratio(2.0 * rowTp, rowTrue + rowPred);
    }
    long tpSum = Arrays.stream(tp).sum();
    long fpSum = Arrays.stream(fp).sum();
    long fnSum = Arrays.stream(fn).sum();
    List<LabelMetrics> perLabel = new ArrayList<>();
    double[] column = new double[n];
    boolean[] positive = new boolean[n];
    for (int k = 0; k < l; k++) {
      for (int r = 0; r < n; r++) {
        column[r] = probs[r][k];
        positive[r] = yTrue[r][k];
      }
      BinaryCurve curve = BinaryCurve.of(column, positive);
      int support = (int) (tp[k] + fn[k]);
      double precision = ratio(tp[k], tp[k] + fp[k]);
      double recall = ratio(tp[k], support);
      perLabel.add(
          new LabelMetrics(
              labels.get(k),
              precision,
              recall,
              f1(precision, recall),
              support,
              (int) (tp[k] + fp[k]),
              support == 0 || support == n ? Double.NaN : curve.rocAuc(),
              support == 0 ? Double.NaN : curve.averagePrecision(),
              ReliabilityDiagram.of(
                      column, positive, ReliabilityDiagram.DEFAULT_BINS, BinStrategy.EQUAL_WIDTH)
                  .ece(),
              thresholds == null ? Double.NaN : thresholds[k]));
    }
    double microPrecision = ratio(tpSum, tpSum + fpSum);
    double microRecall = ratio(tpSum, tpSum + fnSum);
    return new MultiLabelEvaluation(
        n,
        labels,
        (double) exact / n,
        (double) mismatches / ((long) n * l),
        microPrecision,
        microRecall,
        f1(microPrecision, microRecall),
        samplesF1Sum / n,
        lrap(probs, yTrue),
        coverageError(probs, yTrue),
        perLabel);
  }

  private static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }

  private static double f1(double precision, double recall) {
    return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
  }

  /**
   * scikit-learn's {@code label_ranking_average_precision_score}: for each true label of a row, the
   * share of true labels among the labels scored at least as high, averaged over the row's true
   * labels, then over rows; a row with no true label, or with every label true, counts 1.
   */
  private static double lrap(double[][] probs, boolean[][] yTrue) {
    double sum = 0;
    for (int r = 0; r < probs.length; r++) {
      double[] s = probs[r];
      boolean[] t = yTrue[r];
      int relevant = 0;
      for (boolean v : t) {
        relevant += v ? 1 : 0;
      }
      if (relevant == 0 || relevant == t.length) {
        sum += 1;
        continue;
      }
      double row = 0;
      for (int j = 0; j < t.length; j++) {
        if (!t[j]) {
          continue;
        }
        int atLeast = 0;
        int trueAtLeast = 0;
        for (int k = 0; k < t.length; k++) {
          if (s[k] >= s[j]) {
            atLeast++;
            trueAtLeast += t[k] ? 1 : 0;
          }
        }
        row += (double) trueAtLeast / atLeast;
      }
      sum += row / relevant;
    }
    return sum / probs.length;
  }

  /**
   * scikit-learn's {@code coverage_error}: how many of the top-scored labels (ties counted
   * together) are needed to cover every true label, averaged over rows (0 for a row with none).
   */
  private static double coverageError(double[][] probs, boolean[][] yTrue) {
    double sum = 0;
    for (int r = 0; r < probs.length; r++) {
      double lowest = Double.POSITIVE_INFINITY;
      for (int k = 0; k < yTrue[r].length; k++) {
        if (yTrue[r][k]) {
          lowest = Math.min(lowest, probs[r][k]);
        }
      }
      if (lowest == Double.POSITIVE_INFINITY) {
        continue;
      }
      for (double p : probs[r]) {
        sum += p >= lowest ? 1 : 0;
      }
    }
    return sum / probs.length;
  }

  /** Number of rows. */
  public int n() {
    return n;
  }

  /** The label names. */
  public List<String> labels() {
    return labels;
  }

  /** Share of rows whose chosen label set is exactly the true one. */
  public double subsetAccuracy() {
    return subsetAccuracy;
  }

  /** Share of (row, label) pairs decided wrongly. */
  public double hammingLoss() {
    return hammingLoss;
  }

  /** Precision over all (row, label) decisions together. */
  public double microPrecision() {
    return microPrecision;
  }

  /** Recall over all (row, label) decisions together. */
  public double microRecall() {
    return microRecall;
  }

  /** F1 over all (row, label) decisions together. */
  public double microF1() {
    return microF1;
  }

  /** Mean of the per-label F1 scores (every label counts, 0 for a label never true nor chosen). */
  public double macroF1() {
    return perLabel.stream().mapToDouble(LabelMetrics::f1).average().orElse(0);
  }

  /** Mean over rows of the F1 of the chosen set against the true set. */
  public double samplesF1() {
    return samplesF1;
  }

  /** Per-label F1 weighted by each label's support. */
  public double weightedF1() {
    double support = perLabel.stream().mapToDouble(LabelMetrics::support).sum();
    return support == 0
        ? 0
        : perLabel.stream().mapToDouble(m -> m.f1() * m.support()).sum() / support;
  }

  /** Label-ranking average precision (1 is perfect). */
  public double lrap() {
    return lrap;
  }

  /** Coverage error (the number of true labels per row is perfect). */
  public double coverageError() {
    return coverageError;
  }

  /** Mean ROC AUC over the labels where it is defined (NaN if none). */
  public double macroRocAuc() {
    return perLabel.stream()
        .mapToDouble(LabelMetrics::rocAuc)
        .filter(v -> !Double.isNaN(v))
        .average()
        .orElse(Double.NaN);
  }

  /** Mean per-label calibration error. */
  public double meanCalibrationError() {
    return perLabel.stream().mapToDouble(LabelMetrics::calibrationError).average().orElse(0);
  }

  /** The metrics of each label, in label order. */
  public List<LabelMetrics> perLabel() {
    return perLabel;
  }

  /**
   * The metrics as an ordered map with the keys of {@code softclass eval --json} (undefined values
   * are {@code null}).
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("task", "multilabel");
    m.put("n", n);
    m.put("subset_accuracy", subsetAccuracy);
    m.put("hamming_loss", hammingLoss);
    m.put("micro_precision", microPrecision);
    m.put("micro_recall", microRecall);
    m.put("micro_f1", microF1);
    m.put("macro_f1", macroF1());
    m.put("samples_f1", samplesF1);
    m.put("weighted_f1", weightedF1());
    m.put("lrap", lrap);
    m.put("coverage_error", coverageError);
    m.put("macro_roc_auc", orNull(macroRocAuc()));
    m.put("mean_calibration_error", meanCalibrationError());
    Map<String, Object> labelMap = new LinkedHashMap<>();
    for (LabelMetrics lm : perLabel) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("precision", lm.precision());
      e.put("recall", lm.recall());
      e.put("f1", lm.f1());
      e.put("support", lm.support());
      e.put("predicted", lm.predicted());
      e.put("roc_auc", orNull(lm.rocAuc()));
      e.put("average_precision", orNull(lm.averagePrecision()));
      e.put("calibration_error", lm.calibrationError());
      e.put("threshold", orNull(lm.threshold()));
      labelMap.put(lm.name(), e);
    }
    m.put("per_label", labelMap);
    return m;
  }

  private static Object orNull(double v) {
    return Double.isNaN(v) ? null : v;
  }
}
