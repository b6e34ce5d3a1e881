package dev.softclass.cli;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.calibrate.Calibration;
import dev.softclass.calibrate.CalibrationMethod;
import dev.softclass.calibrate.Calibrator;
import dev.softclass.calibrate.IsotonicCalibration;
import dev.softclass.calibrate.PlattScaling;
import dev.softclass.calibrate.TemperatureScaling;
import dev.softclass.calibrate.Threshold;
import dev.softclass.calibrate.ThresholdCriterion;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass calibrate}: fit a calibrator (and optionally a decision threshold). */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
      "Calibrate a model's probabilities on held-out labelled data (not the training data), and"
          + " optionally choose a decision threshold for a binary model. Both are saved in the"
          + " new model file and used by predict, eval and report.",
      "",
      "Methods: temperature (one parameter, any model, keeps every prediction), platt (binary"
          + " models), isotonic (flexible; needs more data), none (remove calibration).",
      "Thresholds (binary models): f1, fbeta:BETA (max F-beta), precision:TARGET (most recall at"
          + " that precision), recall:TARGET (most precision at that recall), cost:FP,FN (least"
          + " cost of false positives and negatives), or a number in [0, 1].",
      "",
      "Multi-label models: --method platt (one Platt scaling per label) or none (the default);"
          + " --threshold f1 (or fbeta:B, precision:X, recall:X, cost:FP,FN) tunes one threshold"
          + " per label, micro-f1 one global threshold with the best micro-F1, a number one global"
          + " threshold; --top-k and --at-least-one complete"
          + " the decision.",
      "",
      "Text models (--data: held-out fastText-format text): --method temperature (the default),"
          + " temperature-bias or none. One temperature divides every logit of any head (softmax,"
          + " sampled, ns with sigmoid scores or --ns-softmax, hs, ova); predict, eval and export"
          + " use it. temperature-bias adds one bias per class, L2-penalised with the strength"
          + " chosen by 5-fold cross-validation on the held-out lines: for heads whose"
          + " probabilities are a softmax over per-class logits (softmax, sampled, ns/ova with"
          + " --ns-softmax); it is what makes negative sampling's scores usable probabilities,"
          + " and it needs several held-out lines per class; predict and eval use it.",
      "",
      "Multi-label text models (--loss ova on lines with several labels): the label decision"
          + " only, as for multi-label table models (--method none; --threshold, --top-k,"
          + " --at-least-one), chosen on the held-out lines; the sigmoid scores stay as trained."
    })
final class CalibrateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "M", description = "Model file.")
  Path model;

  @Mixin DataOptions data;

  @Option(
      names = "--method",
      paramLabel = "temperature|temperature-bias|platt|isotonic|none",
      description = "Calibration method (default: temperature; none for multi-label models).")
  String method;

  @Option(
      names = "--threshold",
      paramLabel = "SPEC",
      description =
          "Choose a binary decision threshold: f1, fbeta:B, precision:X, recall:X, cost:FP,FN or"
              + " a number.")
  String threshold;

  @Option(
      names = "--cv",
      paramLabel = "K",
      defaultValue = "0",
      description =
          "Instead of held-out data, give the training data and calibrate on out-of-fold"
              + " predictions of K refitted models (K >= 2; default: off).")
  int folds;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed of the cross-validation folds (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "OUT",
      description = "Where to write the calibrated model.")
  Path output;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(
      names = "--top-k",
      paramLabel = "K",
      description = "Multi-label: choose at most the K most probable labels (0: no limit).")
  Integer topK;

  @Option(
      names = "--at-least-one",
      negatable = true,
      description =
          "Multi-label: when no label reaches its threshold, choose the most probable one.")
  Boolean atLeastOne;

  @Override
  public Integer call() {
    if (dev.softclass.io.TextModelFile.isTextModel(model)) {
      return new TextCalibration(this).run(dev.softclass.text.TextModel.load(model));
    }
    Model m = Model.load(model);
    if (m.isMultiLabel()) {
      return new MultiLabelCalibration(this).run(m);
    }
    if (topK != null || atLeastOne != null) {
      throw new SoftclassException(
          "--top-k and --at-least-one are for multi-label models; " + model + " is " + m.task());
    }
    ThresholdCriterion criterion = threshold == null ? null : ThresholdCriterion.parse(threshold);
    if (criterion != null && m.classes().size() != 2) {
      throw new SoftclassException(
          "--threshold is for binary models; "
              + model
              + " has "
              + m.classes().size()
              + " classes and predicts the most probable one");
    }
    String chosenMethod = method == null ? CalibrationMethod.TEMPERATURE.id() : method;
    boolean none = chosenMethod.equalsIgnoreCase("none");
    CalibrationMethod cm = none ? null : CalibrationMethod.parse(chosenMethod);
    Dataset d = data.read(true).toDataset(m.encoder());
    double[][] logits = folds == 0 ? m.logits(d) : Calibration.outOfFoldLogits(m, d, folds, seed);
    Calibrator c = none ? null : Calibration.fit(cm, m.head(), logits, d.labels());
    Model calibrated = m.withCalibrator(c);
    Model uncalibrated = m.withCalibrator(null);
    double[][] before = new double[logits.length][];
    double[][] after = new double[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      before[i] = uncalibrated.probabilities(logits[i]);
      after[i] = calibrated.probabilities(logits[i]);
    }
    Threshold chosen = null;
    if (criterion != null) {
      double[] p1 = new double[after.length];
      for (int i = 0; i < p1.length; i++) {
        p1[i] = after[i][1];
      }
      chosen = criterion.choose(p1, d.labels());
      calibrated = calibrated.withThreshold(chosen);
    }
    calibrated.save(output);
    report(d, before, after, c, chosen, calibrated);
    return 0;
  }

  private void report(
      Dataset d,
      double[][] before,
      double[][] after,
      Calibrator c,
      Threshold chosen,
      Model calibrated) {
    Evaluation eb = Evaluation.of(before, d.labels(), calibrated.classes());
    Evaluation ea = Evaluation.of(after, d.labels(), calibrated.classes());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", output.toString());
    r.put("method", c == null ? "none" : c.method().id());
    r.put("parameters", parameters(c));
    r.put("rows", d.size());
    r.put("fitted_on", folds == 0 ? "held-out data" : folds + "-fold out-of-fold predictions");
    r.put("log_loss_before", eb.logLoss());
    r.put("log_loss_after", ea.logLoss());
    r.put("ece_before", eb.ece());
    r.put("ece_after", ea.ece());
    if (chosen != null) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("value", chosen.value());
      t.put("criterion", chosen.criterion());
      t.put("precision", Double.isNaN(chosen.precision()) ? null : chosen.precision());
      t.put("recall", chosen.recall());
      r.put("threshold", t);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(r));
      return;
    }
    out.printf(
        Locale.ROOT,
        "calibration: %s %s, fitted on %d rows (%s)%n",
        r.get("method"),
        r.get("parameters"),
        d.size(),
        r.get("fitted_on"));
    out.printf(
        Locale.ROOT,
        "on these rows: log loss %.4f -> %.4f, ECE %.4f -> %.4f (in-sample: judge it on test"
            + " data with eval)%n",
        eb.logLoss(),
        ea.logLoss(),
        eb.ece(),
        ea.ece());
    if (chosen != null) {
      out.printf(
          Locale.ROOT,
          "threshold: predict %s when p(%s) >= %.6g (%s; precision %.4f, recall %.4f on these"
              + " rows)%n",
          calibrated.classes().get(1),
          calibrated.classes().get(1),
          chosen.value(),
          chosen.criterion(),
          chosen.precision(),
          chosen.recall());
    }
    out.println("saved " + output);
  }

  /** A calibrator's parameters for display (isotonic maps as counts). */
  static Map<String, Object> parameters(Calibrator c) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (c instanceof TemperatureScaling t) {
      p.put("temperature", t.temperature());
    } else if (c instanceof PlattScaling s) {
      p.put("a", s.a());
      p.put("b", s.b());
    } else if (c instanceof IsotonicCalibration iso) {
      p.put("maps", iso.maps().size());
      p.put("knots", iso.maps().stream().mapToInt(x -> x.x().length).sum());
    }
    return p;
  }
}
