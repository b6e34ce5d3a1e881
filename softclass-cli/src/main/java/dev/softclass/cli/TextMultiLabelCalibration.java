package dev.softclass.cli;

import dev.softclass.SoftclassException;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.LabelSets;
import dev.softclass.data.TextData;
import dev.softclass.eval.MultiLabelEvaluation;
import dev.softclass.text.TextModel;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code softclass calibrate} for a multi-label text model: its label decision (a global threshold,
 * per-label thresholds tuned for F1 or one threshold tuned for micro-F1, top-k, at-least-one)
 * chosen on held-out fastText-format lines, as for a multi-label table model. The sigmoid scores
 * themselves are left as they are.
 */
final class TextMultiLabelCalibration {
  private final CalibrateCommand command;

  TextMultiLabelCalibration(CalibrateCommand command) {
    this.command = command;
  }

  int run(TextModel model) {
    if (command.method != null && !command.method.equalsIgnoreCase("none")) {
      throw new SoftclassException(
          command.model
              + " is a multi-label text model: calibrate chooses its label decision"
              + " (--threshold f1|micro-f1|P, --top-k, --at-least-one) with --method none; its"
              + " sigmoid scores are not rescaled (not --method "
              + command.method
              + ")");
    }
    if (command.folds != 0) {
      throw new SoftclassException(
          "--cv is not available for text models: give held-out text with --data");
    }
    if (command.threshold == null && command.topK == null && command.atLeastOne == null) {
      throw new SoftclassException(
          "nothing to calibrate: give --threshold (f1, micro-f1, fbeta:B, precision:X, recall:X"
              + " or a number), --top-k or --at-least-one");
    }
    TextData heldOut = FastTextReader.read(command.data.data, true);
    int n = heldOut.size();
    double[][] probs = new double[n][];
    int[][] truth = new int[n][];
    for (int r = 0; r < n; r++) {
      probs[r] = model.predictProba(heldOut.texts().get(r));
      truth[r] =
          java.util.Arrays.stream(heldOut.labels().labels(r))
              .map(c -> model.encoder().indexOf(heldOut.encoder().name(c)))
              .filter(c -> c >= 0)
              .toArray();
    }
    LabelSets sets = LabelSets.of(truth, model.classes().size());
    LabelDecision before = model.labelDecision().orElseThrow();
    LabelDecision after = MultiLabelCalibration.chooseDecision(before, command, probs, sets);
    TextModel calibrated = model.withLabelDecision(after);
    calibrated.save(command.output);
    report(n, evaluate(model, probs, sets), evaluate(calibrated, probs, sets), after);
    return 0;
  }

  private static MultiLabelEvaluation evaluate(TextModel m, double[][] probs, LabelSets truth) {
    int[][] chosen = new int[probs.length][];
    double[] thresholds = new double[m.classes().size()];
    for (int r = 0; r < probs.length; r++) {
      chosen[r] = m.decideLabels(probs[r]);
    }
    for (int k = 0; k < thresholds.length; k++) {
      thresholds[k] = m.labelDecision().orElseThrow().threshold(k);
    }
    return MultiLabelEvaluation.of(probs, chosen, truth, m.classes(), thresholds);
  }

  private void report(
      int lines, MultiLabelEvaluation before, MultiLabelEvaluation after, LabelDecision d) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", command.output.toString());
    r.put("method", "none");
    r.put("rows", lines);
    r.put("fitted_on", "held-out data");
    r.put("micro_f1_before", before.microF1());
    r.put("micro_f1_after", after.microF1());
    r.put("macro_f1_before", before.macroF1());
    r.put("macro_f1_after", after.macroF1());
    Map<String, Object> decision = new LinkedHashMap<>();
    decision.put("threshold", d.threshold());
    decision.put("criterion", d.criterion());
    if (d.perLabel() != null) {
      Map<String, Object> perLabel = new LinkedHashMap<>();
      for (int k = 0; k < d.perLabel().length; k++) {
        perLabel.put(after.labels().get(k), d.perLabel()[k]);
      }
      decision.put("per_label", perLabel);
    }
    decision.put("top_k", d.topK());
    decision.put("at_least_one", d.atLeastOne());
    r.put("decision", decision);
    PrintWriter out = command.spec.commandLine().getOut();
    if (command.json) {
      out.println(Json.write(r));
      return;
    }
    out.printf(
        Locale.ROOT,
        "multi-label text model: label decision chosen on %d held-out lines; micro-F1 %.4f ->"
            + " %.4f, macro-F1 %.4f -> %.4f (in-sample: judge it on test data with eval)%n",
        lines,
        before.microF1(),
        after.microF1(),
        before.macroF1(),
        after.macroF1());
    out.println("decision: " + decision);
    out.println("saved " + command.output);
  }
}
