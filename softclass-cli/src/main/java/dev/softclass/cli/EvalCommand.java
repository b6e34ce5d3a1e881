package dev.softclass.cli;

import dev.softclass.Model;
import dev.softclass.Predictor;
import dev.softclass.SoftclassException;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.data.Dataset;
import dev.softclass.data.FastTextReader;
import dev.softclass.eval.ClassMetrics;
import dev.softclass.eval.Evaluation;
import dev.softclass.eval.LabelMetrics;
import dev.softclass.eval.MultiLabelEvaluation;
import dev.softclass.eval.ReliabilityDiagram;
import dev.softclass.io.TextModelFile;
import dev.softclass.text.TextEvaluation;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextMultiLabelEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass eval}: metrics of a model on labelled data. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate a model on labelled data: accuracy, balanced accuracy, F1 (macro, micro,"
            + " weighted), log loss, Brier score, ROC AUC, average precision, top-k accuracy,"
            + " calibration error (ECE, MCE, reliability bins), per-class metrics, confusion"
            + " matrix. Multi-label models: subset accuracy, Hamming loss, micro/macro/samples/"
            + "weighted F1, label-ranking average precision, coverage error, per-label precision,"
            + " recall, F1, ROC AUC and calibration error. Text models (fastText data): accuracy"
            + " (P@1), log loss with exact probabilities, ECE; --json adds n, unseen_labels,"
            + " probabilities, seconds. Multi-label text models (--loss ova on lines with several"
            + " labels): the multi-label metrics, the mean per-label log loss, and fastText's P@k"
            + " and R@k (--k, default 1).")
final class EvalCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "M",
      description = "Model or ensemble file.")
  Path model;

  @Mixin DataOptions data;

  @Option(
      names = "--json",
      description =
          "Print one JSON object: n, accuracy, balanced_accuracy, macro_f1, micro_f1,"
              + " weighted_f1, log_loss, brier, roc_auc, roc_auc_weighted, average_precision,"
              + " average_precision_weighted, top_k_accuracy, ece, mce, ece_equal_mass,"
              + " mce_equal_mass, threshold (if any), per_class, confusion, reliability."
              + " Multi-label: task, n, subset_accuracy, hamming_loss, micro_precision,"
              + " micro_recall, micro_f1, macro_f1, samples_f1, weighted_f1, lrap,"
              + " coverage_error, macro_roc_auc, mean_calibration_error, per_label. Multi-label"
              + " text: those, per_label entries with log_loss, then label_log_loss,"
              + " precision_at_k, recall_at_k, unseen_labels, probabilities, seconds.")
  boolean json;

  @Option(
      names = "--k",
      paramLabel = "K",
      description =
          "Also report the top-K accuracy: the share of rows whose label is among the K most"
              + " probable classes (text models and single-label models; --json: top_k_accuracy"
              + " gains the key K).")
  Integer k;

  @Override
  public Integer call() {
    if (k != null && k < 1) {
      throw new SoftclassException("--k must be at least 1; got " + k);
    }
    if (TextModelFile.isTextModel(model)) {
      TextModel tm = TextModel.load(model);
      if (tm.isMultiLabel()) {
        return evalMultiLabelText(tm);
      }
      TextEvaluation e =
          TextEvaluation.of(tm, FastTextReader.read(data.data, true), k == null ? 1 : k);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> map = e.toMap();
        if (tm.isCalibrated()) {
          map.put("temperature", tm.temperature());
          map.put("class_bias", tm.classBias() != null);
        }
        out.println(Json.write(map));
      } else {
        out.printf(
            Locale.ROOT,
            "n %d  accuracy (P@1) %.4f  %slog loss %.4f  ECE %.4f  (%s probabilities%s;"
                + " %d lines with labels unseen in training)%n",
            e.n(),
            e.accuracy(),
            k == null
                ? ""
                : String.format(Locale.ROOT, "top-%d accuracy %.4f  ", k, e.topKAccuracy()),
            e.logLoss(),
            e.ece(),
            e.probabilities(),
            tm.isCalibrated()
                ? String.format(
                    Locale.ROOT,
                    ", temperature %.4g%s",
                    tm.temperature(),
                    tm.classBias() == null ? "" : " and class bias")
                : "",
            e.unseenLabels());
      }
      return 0;
    }
    Predictor m = Predictor.load(model);
    PrintWriter out = spec.commandLine().getOut();
    if (m instanceof Model single && single.isMultiLabel()) {
      if (k != null) {
        throw new SoftclassException(
            "--k (top-K accuracy) is for single-label models; "
                + model
                + " is multi-label (its eval reports label-ranking metrics: LRAP, coverage error)");
      }
      MultiLabelEvaluation e =
          MultiLabelEvaluation.of(single, data.readLabelSets(single.encoder(), true));
      if (json) {
        out.println(Json.write(e.toMap()));
      } else {
        printMultiLabel(e, single.labelDecision().orElseThrow(), out);
      }
      return 0;
    }
    Dataset test = data.read(true).toDataset(m.encoder());
    Evaluation e = Evaluation.of(m, test);
    if (json) {
      Map<String, Object> map = e.toMap();
      if (k != null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> top = (Map<String, Object>) map.get("top_k_accuracy");
        top.put(Integer.toString(k), e.topKAccuracy(k));
      }
      out.println(Json.write(map));
    } else {
      print(e, out, k);
    }
    return 0;
  }

  /** Metrics of a multi-label text model, with P@k and R@k ({@code --k}, default 1). */
  private int evalMultiLabelText(TextModel tm) {
    TextMultiLabelEvaluation e =
        TextMultiLabelEvaluation.of(tm, FastTextReader.read(data.data, true), k == null ? 1 : k);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> map = e.toMap();
      if (tm.isCalibrated()) {
        map.put("temperature", tm.temperature());
      }
      out.println(Json.write(map));
    } else {
      TextMultiLabel.print(e, tm.labelDecision().orElseThrow(), out);
    }
    return 0;
  }

  /** A multi-label model's metrics as a human-readable table. */
  static void printMultiLabel(MultiLabelEvaluation e, LabelDecision decision, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "n %d  subset accuracy %.4f  Hamming loss %.4f  LRAP %.4f  coverage error %.4f%n",
        e.n(),
        e.subsetAccuracy(),
        e.hammingLoss(),
        e.lrap(),
        e.coverageError());
    out.printf(
        Locale.ROOT,
        "F1: micro %.4f  macro %.4f  samples %.4f  weighted %.4f   ROC AUC (macro) %.4f%n",
        e.microF1(),
        e.macroF1(),
        e.samplesF1(),
        e.weightedF1(),
        e.macroRocAuc());
    out.printf(
        Locale.ROOT,
        "decisions: %s%s%s; mean per-label calibration error %.4f%n",
        decision.perLabel() == null
            ? String.format(Locale.ROOT, "threshold %.4g", decision.threshold())
            : "per-label thresholds (" + decision.criterion() + ")",
        decision.topK() > 0 ? ", at most " + decision.topK() + " labels" : "",
        decision.atLeastOne() ? ", at least one label" : "",
        e.meanCalibrationError());
    out.println();
    int width = 5;
    for (LabelMetrics l : e.perLabel()) {
      width = Math.max(width, l.name().length());
    }
    out.printf(
        Locale.ROOT,
        "%-" + width + "s  precision  recall      f1  support  ROC AUC    ECE  threshold%n",
        "label");
    for (LabelMetrics l : e.perLabel()) {
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %9.4f  %6.4f  %6.4f  %7d  %7.4f  %.4f  %9.4g%n",
          l.name(),
          l.precision(),
          l.recall(),
          l.f1(),
          l.support(),
          l.rocAuc(),
          l.calibrationError(),
          l.threshold());
    }
  }

  /** The metrics as a human-readable table, with the top-2 accuracy when there are more classes. */
  static void print(Evaluation e, PrintWriter out) {
    print(e, out, null);
  }

  /**
   * The metrics as a human-readable table, with the top-{@code k} accuracy (when {@code k} is null:
   * the top-2 accuracy when there are more than two classes).
   */
  static void print(Evaluation e, PrintWriter out, Integer k) {
    out.printf(
        Locale.ROOT,
        "n %d  accuracy %.4f  balanced accuracy %.4f  log loss %.4f  Brier %.4f%n",
        e.n(),
        e.accuracy(),
        e.balancedAccuracy(),
        e.logLoss(),
        e.brier());
    out.printf(
        Locale.ROOT,
        "F1: macro %.4f  micro %.4f  weighted %.4f%n",
        e.macroF1(),
        e.microF1(),
        e.weightedF1());
    String ranking = e.classNames().size() == 2 ? "" : " (one-vs-rest, macro)";
    out.printf(
        Locale.ROOT,
        "ROC AUC %.4f  average precision %.4f%s%s%n",
        e.rocAuc(),
        e.averagePrecision(),
        ranking,
        k != null || e.classNames().size() > 2
            ? String.format(
                Locale.ROOT,
                "  top-%d accuracy %.4f",
                k == null ? 2 : k,
                e.topKAccuracy(k == null ? 2 : k))
            : "");
    out.printf(
        Locale.ROOT,
        "calibration: ECE %.4f  MCE %.4f (%d equal-width bins)%n",
        e.ece(),
        e.mce(),
        ReliabilityDiagram.DEFAULT_BINS);
    if (!Double.isNaN(e.threshold())) {
      out.printf(
          Locale.ROOT,
          "decisions: %s when its probability >= %.6g%n",
          e.classNames().get(1),
          e.threshold());
    }
    out.println();
    int width = 5;
    for (ClassMetrics c : e.perClass()) {
      width = Math.max(width, c.name().length());
    }
    out.printf(Locale.ROOT, "%-" + width + "s  precision  recall     f1  support%n", "class");
    for (ClassMetrics c : e.perClass()) {
      out.printf(
          Locale.ROOT,
          "%-" + width + "s  %9.4f  %6.4f  %6.4f  %7d%n",
          c.name(),
          c.precision(),
          c.recall(),
          c.f1(),
          c.support());
    }
    out.println();
    out.println("confusion matrix (rows: true class, columns: predicted)");
    int[][] m = e.confusion();
    int cell = 4;
    for (int[] row : m) {
      for (int v : row) {
        cell = Math.max(cell, Integer.toString(v).length() + 1);
      }
    }
    for (int r = 0; r < m.length; r++) {
      StringBuilder line =
          new StringBuilder(
              String.format(Locale.ROOT, "%-" + width + "s", e.perClass().get(r).name()));
      for (int v : m[r]) {
        line.append(String.format(Locale.ROOT, "%" + cell + "d", v));
      }
      out.println(line);
    }
  }
}
