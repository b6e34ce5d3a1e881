package dev.softclass.cli;

import dev.softclass.SoftclassException;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.text.TextEvaluation;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextTemperature;
import java.io.PrintWriter;
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
    String chosen = command.method == null ? "temperature" : command.method;
    boolean none = chosen.equalsIgnoreCase("none");
    if (!none && !chosen.equalsIgnoreCase("temperature")) {
      throw new SoftclassException(
          "text models are calibrated by temperature scaling: use --method temperature or none,"
              + " not "
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
    TextTemperature.Fit fit = null;
    if (!none) {
      fit = TextTemperature.fit(uncalibrated, heldOut, command.seed);
      calibrated = uncalibrated.withTemperature(fit.temperature());
    }
    calibrated.save(command.output);
    TextEvaluation before = TextEvaluation.of(uncalibrated, heldOut);
    TextEvaluation after = TextEvaluation.of(calibrated, heldOut);
    report(fit, before, after);
    return 0;
  }

  private void report(TextTemperature.Fit fit, TextEvaluation before, TextEvaluation after) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("model", command.output.toString());
    r.put("method", fit == null ? "none" : "temperature");
    Map<String, Object> parameters = new LinkedHashMap<>();
    if (fit != null) {
      parameters.put("temperature", fit.temperature());
    }
    r.put("parameters", parameters);
    r.put("rows", before.n());
    r.put("rows_fitted", fit == null ? 0 : fit.linesUsed());
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
        fit == null ? 0 : fit.linesUsed(),
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
