package dev.softclass.cli;

import dev.softclass.SoftclassException;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.text.TextBiasCalibration;
import dev.softclass.text.TextEvaluation;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextTemperature;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code softclass calibrate} for a text model: temperature scaling fitted on held-out
 * fastText-format text ({@link TextTemperature}), or {@code --method none} to remove it. Reports
 * the log loss and ECE of the held-out lines before and after (the probabilities eval uses,
 * normalised sigmoid scores included).
 */
final class TextCalibration {
  private final CalibrateCommand command;

  TextCalibration(CalibrateCommand command) {
    this.command = command;
  }

  int run(TextModel model) {
    if (model.isMultiLabel()) {
      throw new SoftclassException(
          command.model
              + " is a multi-label text model: calibrate does not fit its per-label sigmoids or"
              + " thresholds yet; choose the label threshold at prediction time with predict"
              + " --min-prob.");
    }
    String chosen = command.method == null ? "temperature" : command.method;
    boolean none = chosen.equalsIgnoreCase("none");
    boolean withBias = chosen.equalsIgnoreCase("temperature-bias");
    if (!none && !withBias && !chosen.equalsIgnoreCase("temperature")) {
      throw new SoftclassException(
          "text models are calibrated by temperature scaling: use --method temperature,"
              + " temperature-bias or none, not "
              + chosen);
    }
    if (command.threshold != null || command.folds != 0) {
      throw new SoftclassException(
          "--threshold and --cv are not available for text models: give held-out text with"
              + " --data (a text model predicts its most probable labels, see predict --k and"
              + " --min-prob)");
    }
    if (command.topK != null || command.atLeastOne != null) {
      throw new SoftclassException(
          "--top-k and --at-least-one are for multi-label table models; "
              + command.model
              + " is a text model");
    }
    TextData heldOut = FastTextReader.read(command.data.data, true);
    TextModel uncalibrated = model.withTemperature(1);
    TextModel calibrated = uncalibrated;
    Map<String, Object> parameters = new LinkedHashMap<>();
    int fitted = 0;
    if (withBias) {
      TextBiasCalibration.Fit fit = TextBiasCalibration.fit(uncalibrated, heldOut, command.seed);
      calibrated = uncalibrated.withCalibration(fit.temperature(), fit.bias());
      parameters.put("temperature", fit.temperature());
      parameters.put("l2", fit.l2());
      parameters.put("bias_min", Arrays.stream(fit.bias()).min().orElse(0));
      parameters.put("bias_max", Arrays.stream(fit.bias()).max().orElse(0));
      fitted = fit.linesUsed();
    } else if (!none) {
      TextTemperature.Fit fit = TextTemperature.fit(uncalibrated, heldOut, command.seed);
      calibrated = uncalibrated.withTemperature(fit.temperature());
      parameters.put("temperature", fit.temperature());
      fitted = fit.linesUsed();
    }
    calibrated.save(command.output);
    TextEvaluation before = TextEvaluation.of(uncalibrated, heldOut);
    TextEvaluation after = TextEvaluation.of(calibrated, heldOut);
    report(none ? "none" : chosen.toLowerCase(Locale.ROOT), parameters, fitted, before, after);
    return 0;
  }

  private void report(
      String method,
      Map<String, Object> parameters,
      int fitted,
      TextEvaluation before,
      TextEvaluation after) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", command.output.toString());
    r.put("method", method);
    r.put("parameters", parameters);
    r.put("rows", before.n());
    r.put("rows_fitted", fitted);
    r.put("fitted_on", "held-out data");
    r.put("probabilities", before.probabilities());
    r.put("log_loss_before", before.logLoss());
    r.put("log_loss_after", after.logLoss());
    r.put("ece_before", before.ece());
    r.put("ece_after", after.ece());
    r.put("accuracy_before", before.accuracy());
    r.put("accuracy_after", after.accuracy());
    PrintWriter out = command.spec.commandLine().getOut();
    if (command.json) {
      out.println(Json.write(r));
      return;
    }
    out.printf(
        Locale.ROOT,
        "calibration: %s %s, fitted on %d of %d lines (held-out data; %s probabilities)%n",
        r.get("method"),
        parameters,
        fitted,
        before.n(),
        before.probabilities());
    out.printf(
        Locale.ROOT,
        "on these lines: log loss %.4f -> %.4f, ECE %.4f -> %.4f, accuracy %.4f -> %.4f"
            + " (in-sample: judge it on test data with eval)%n",
        before.logLoss(),
        after.logLoss(),
        before.ece(),
        after.ece(),
        before.accuracy(),
        after.accuracy());
    out.println("saved " + command.output);
  }
}
