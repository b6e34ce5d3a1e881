package dev.softclass.report;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.data.Dataset;
import dev.softclass.eval.LabelMetrics;
import dev.softclass.eval.MultiLabelEvaluation;
import dev.softclass.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;

/**
 * The report of a multi-label model: {@code index.html} with the multi-label metrics (subset
 * accuracy, Hamming loss, micro / macro / samples / weighted F1, LRAP, coverage error) and a
 * per-label table (precision, recall, F1, support, ROC AUC, calibration error, threshold), and
 * {@code per_label.png} beside it. Self-contained like {@link Report}.
 */
public final class MultiLabelReport {
  private final Model model;
  private final String modelName;
  private final String dataName;
  private final MultiLabelEvaluation evaluation;

  private MultiLabelReport(Model model, String modelName, Dataset test) {
    this.model = model;
    this.modelName = modelName;
    this.dataName = test.source();
    this.evaluation = MultiLabelEvaluation.of(model, test);
  }

  /**
   * Evaluates a multi-label {@code model} on labelled {@code test} data.
   *
   * @throws SoftclassException if the model is not multi-label or the data have no labels
   */
  public static MultiLabelReport of(Model model, String modelName, Dataset test) {
    return new MultiLabelReport(model, modelName, test);
  }

  /** The evaluation the report shows. */
  public MultiLabelEvaluation evaluation() {
    return evaluation;
  }

  /**
   * Writes {@code per_label.png} and then {@code index.html} into {@code dir} (created if needed).
   *
   * @return the files written, the page last
   * @throws SoftclassException if a file cannot be written
   */
  public List<Path> write(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new SoftclassException(dir + " is a file; the report needs a folder");
    }
    byte[] png;
    try {
      png =
          BitmapEncoder.getBitmapBytes(Charts.perLabel(evaluation), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a chart as PNG", e);
    }
    Path plot = dir.resolve("per_label.png");
    AtomicFiles.write(plot, "the plot per_label.png", out -> out.write(png));
    byte[] html = page().getBytes(StandardCharsets.UTF_8);
    Path page = dir.resolve("index.html");
    AtomicFiles.write(page, "the report page", out -> out.write(html));
    return List.of(plot, page);
  }

  private String page() {
    MultiLabelEvaluation e = evaluation;
    LabelDecision d = model.labelDecision().orElseThrow();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Softclass report: ")
        .append(HtmlPage.esc(modelName))
        .append("</title>\n<style>")
        .append(HtmlPage.STYLE)
        .append("</style>\n</head>\n<body>\n<h1>Softclass report</h1>\n<table>\n");
    info(h, "model", HtmlPage.esc(modelName));
    info(h, "data", HtmlPage.esc(dataName) + " (" + e.n() + " rows)");
    info(
        h,
        "task",
        "multilabel, " + model.head().name() + " head, " + e.labels().size() + " labels");
    info(h, "calibration", HtmlPage.esc(model.calibrator().map(HtmlPage::describe).orElse("none")));
    info(
        h,
        "decisions",
        (d.perLabel() == null
                ? "labels with p &ge; " + HtmlPage.fmt(d.threshold())
                : "per-label thresholds (chosen by " + HtmlPage.esc(d.criterion()) + ")")
            + (d.topK() > 0 ? ", at most " + d.topK() + " labels" : "")
            + (d.atLeastOne() ? ", at least one label" : ""));
    h.append("</table>\n<h2>Metrics</h2>\n<table>\n")
        .append("<tr><th class=\"l\">metric</th><th>value</th></tr>\n");
    metric(h, "subset accuracy", e.subsetAccuracy());
    metric(h, "Hamming loss", e.hammingLoss());
    metric(h, "micro F1", e.microF1());
    metric(h, "macro F1", e.macroF1());
    metric(h, "samples F1", e.samplesF1());
    metric(h, "weighted F1", e.weightedF1());
    metric(h, "label-ranking average precision", e.lrap());
    metric(h, "coverage error", e.coverageError());
    metric(h, "ROC AUC (macro over labels)", e.macroRocAuc());
    metric(h, "mean per-label calibration error (15 bins)", e.meanCalibrationError());
    h.append("</table>\n<h2>Per label</h2>\n")
        .append("<figure><img src=\"per_label.png\" alt=\"F1 and ROC AUC per label\">")
        .append("<figcaption>F1 of each label's decisions and ROC AUC of its probability.")
        .append("</figcaption></figure>\n<table>\n<tr><th class=\"l\">label</th><th>precision</th>")
        .append("<th>recall</th><th>F1</th><th>support</th><th>predicted</th><th>ROC AUC</th>")
        .append("<th>calibration error</th><th>threshold</th></tr>\n");
    for (LabelMetrics m : e.perLabel()) {
      h.append("<tr><td class=\"l\">").append(HtmlPage.esc(m.name())).append("</td>");
      for (double v : new double[] {m.precision(), m.recall(), m.f1()}) {
        h.append("<td>").append(HtmlPage.fmt(v)).append("</td>");
      }
      h.append("<td>")
          .append(m.support())
          .append("</td><td>")
          .append(m.predicted())
          .append("</td>");
      for (double v : new double[] {m.rocAuc(), m.calibrationError(), m.threshold()}) {
        h.append("<td>").append(HtmlPage.fmt(v)).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void info(StringBuilder h, String name, String safeHtml) {
    h.append("<tr><th class=\"l\">")
        .append(name)
        .append("</th><td class=\"l\">")
        .append(safeHtml)
        .append("</td></tr>\n");
  }

  private static void metric(StringBuilder h, String name, double value) {
    h.append("<tr><td class=\"l\">")
        .append(name)
        .append("</td><td>")
        .append(HtmlPage.fmt(value))
        .append("</td></tr>\n");
  }
}
