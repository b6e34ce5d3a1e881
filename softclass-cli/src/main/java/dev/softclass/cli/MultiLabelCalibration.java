package dev.softclass.cli;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.calibrate.Calibration;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.calibrate.LabelThresholds;
import dev.softclass.calibrate.PerLabelPlattScaling;
import dev.softclass.calibrate.ThresholdCriterion;
import dev.softclass.data.Dataset;
import dev.softclass.data.LabelSets;
import dev.softclass.eval.MultiLabelEvaluation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code softclass calibrate} for a multi-label model: per-label Platt scaling, and the label
 * decision (a global or per-label tuned threshold, top-k, at-least-one).
 */
final class MultiLabelCalibration {
  private final CalibrateCommand options;

  MultiLabelCalibration(CalibrateCommand options) {
    this.options = options;
  }

  int run(Model m) {
    String method = options.method == null ? "none" : options.method.toLowerCase(Locale.ROOT);
    if (!method.equals("platt") && !method.equals("none")) {
      throw new SoftclassException(
          "a multi-label model is calibrated per label: use --method platt (or none), not '"
              + options.method
              + "'");
    }
    Dataset d = options.data.readLabelSets(m.encoder(), true);
    LabelSets truth = d.labelSets();
    double[][] logits =
        options.folds == 0
            ? m.logits(d)
            : Calibration.outOfFoldLogits(m, d, options.folds, options.seed);
    Model uncalibrated = m.withCalibrator(null);
    Model calibrated =
        m.withCalibrator(
            method.equals("platt") ? PerLabelPlattScaling.fit(m.head(), logits, truth) : null);
    double[][] before = new double[logits.length][];
    double[][] after = new double[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      before[i] = uncalibrated.probabilities(logits[i]);
      after[i] = calibrated.probabilities(logits[i]);
    }
    LabelDecision decision =
        chooseDecision(calibrated.labelDecision().orElseThrow(), options, after, truth);
    Model old = uncalibrated.withLabelDecision(m.labelDecision().orElseThrow());
    calibrated = calibrated.withLabelDecision(decision);
    calibrated.save(options.output);
    report(d, truth, before, after, old, calibrated, method);
    return 0;
  }

  /**
   * The label decision that {@code --threshold} (a number, a per-label criterion such as {@code
   * f1}, or {@code micro-f1}: one global threshold), {@code --top-k} and {@code --at-least-one}
   * make of {@code start}, thresholds tuned on {@code probs} against {@code truth}.
   */
  static LabelDecision chooseDecision(
      LabelDecision start, CalibrateCommand options, double[][] probs, LabelSets truth) {
    LabelDecision decision = start;
    if ("micro-f1".equalsIgnoreCase(options.threshold)) {
      decision =
          new LabelDecision(
              LabelThresholds.microF1(probs, truth),
              null,
              decision.topK(),
              decision.atLeastOne(),
              "micro-f1");
    } else if (options.threshold != null) {
      ThresholdCriterion criterion = ThresholdCriterion.parse(options.threshold);
      decision =
          criterion.kind() == ThresholdCriterion.Kind.FIXED
              ? new LabelDecision(
                  criterion.first(),
                  null,
                  decision.topK(),
                  decision.atLeastOne(),
                  options.threshold)
              : decision.withPerLabel(
                  LabelThresholds.tune(probs, truth, criterion, decision.threshold()),
                  options.threshold);
    }
    if (options.topK != null || options.atLeastOne != null) {
      decision =
          new LabelDecision(
              decision.threshold(),
              decision.perLabel(),
              options.topK != null ? options.topK : decision.topK(),
              options.atLeastOne != null ? options.atLeastOne : decision.atLeastOne(),
              decision.criterion());
    }
    return decision;
  }

  private void report(
      Dataset d,
      LabelSets truth,
      double[][] before,
      double[][] after,
      Model old,
      Model calibrated,
      String method) {
    MultiLabelEvaluation eb = evaluate(old, before, truth);
    MultiLabelEvaluation ea = evaluate(calibrated, after, truth);
    LabelDecision decision = calibrated.labelDecision().orElseThrow();
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", options.output.toString());
    r.put("method", method);
    r.put("rows", d.size());
    r.put(
        "fitted_on",
        options.folds == 0 ? "held-out data" : options.folds + "-fold out-of-fold predictions");
    r.put("micro_f1_before", eb.microF1());
    r.put("micro_f1_after", ea.microF1());
    r.put("macro_f1_before", eb.macroF1());
    r.put("macro_f1_after", ea.macroF1());
    r.put("calibration_error_before", eb.meanCalibrationError());
    r.put("calibration_error_after", ea.meanCalibrationError());
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("threshold", decision.threshold());
    t.put("criterion", decision.criterion());
    if (decision.perLabel() != null) {
      Map<String, Object> perLabel = new LinkedHashMap<>();
      List<String> labels = calibrated.classes();
      for (int k = 0; k < labels.size(); k++) {
        perLabel.put(labels.get(k), decision.perLabel()[k]);
      }
      t.put("per_label", perLabel);
    }
    t.put("top_k", decision.topK());
    t.put("at_least_one", decision.atLeastOne());
    r.put("decision", t);
    PrintWriter out = options.spec.commandLine().getOut();
    if (options.json) {
      out.println(Json.write(r));
      return;
    }
    out.printf(
        Locale.ROOT,
        "multi-label calibration: %s, fitted on %d rows (%s)%n",
        method,
        d.size(),
        r.get("fitted_on"));
    out.printf(
        Locale.ROOT,
        "on these rows: micro-F1 %.4f -> %.4f, macro-F1 %.4f -> %.4f, mean per-label calibration"
            + " error %.4f -> %.4f (in-sample: judge it on test data with eval)%n",
        eb.microF1(),
        ea.microF1(),
        eb.macroF1(),
        ea.macroF1(),
        eb.meanCalibrationError(),
        ea.meanCalibrationError());
    out.println("decision: " + t);
    out.println("saved " + options.output);
  }

  private static MultiLabelEvaluation evaluate(Model m, double[][] probs, LabelSets truth) {
    int[][] chosen = new int[probs.length][];
    for (int r = 0; r < probs.length; r++) {
      chosen[r] = m.decideLabels(probs[r]);
    }
    double[] thresholds = new double[m.classes().size()];
    for (int k = 0; k < thresholds.length; k++) {
      thresholds[k] = m.labelDecision().orElseThrow().threshold(k);
    }
    return MultiLabelEvaluation.of(probs, chosen, truth, m.classes(), thresholds);
  }
}
