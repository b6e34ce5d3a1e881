package dev.softclass.report;

import dev.softclass.Model;
import dev.softclass.calibrate.Calibrator;
import dev.softclass.calibrate.IsotonicCalibration;
import dev.softclass.calibrate.PerLabelPlattScaling;
import dev.softclass.calibrate.PlattScaling;
import dev.softclass.calibrate.TemperatureScaling;
import dev.softclass.eval.BinStrategy;
import dev.softclass.eval.ClassMetrics;
import dev.softclass.eval.Evaluation;
import dev.softclass.eval.ReliabilityDiagram;
import java.util.List;
import java.util.Locale;

/** The report's {@code index.html}: inline style, tables, and the plots by relative path. */
final class HtmlPage {
  static final String STYLE =
      "body{font-family:sans-serif;margin:2em auto;max-width:1340px;color:#222}"
          + "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:1.6em}"
          + "table{border-collapse:collapse;margin:.5em 0}"
          + "td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}"
          + "th{background:#f2f2f2}td.l,th.l{text-align:left}"
          + ".plots{display:flex;flex-wrap:wrap;gap:12px}"
          + "figure{margin:0}figcaption{font-size:.9em;color:#555;max-width:640px}"
          + "img{border:1px solid #ddd;max-width:100%}";

  private final StringBuilder html = new StringBuilder();

  private HtmlPage() {}

  static String render(Model model, String modelName, String dataName, Evaluation e) {
    HtmlPage p = new HtmlPage();
    p.page(model, modelName, dataName, e);
    return p.html.toString();
  }

  private void page(Model model, String modelName, String dataName, Evaluation e) {
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Softclass report: ")
        .append(esc(modelName))
        .append("</title>\n<style>")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    html.append("<h1>Softclass report</h1>\n<table>\n");
    row("model", modelName);
    row("data", dataName + " (" + e.n() + " rows)");
    row(
        "task",
        model.task() + ", " + model.head().name() + " head, " + e.classNames().size() + " classes");
    row("calibration", model.calibrator().map(HtmlPage::describe).orElse("none"));
    rowHtml(
        "decisions",
        model
            .threshold()
            .map(
                t ->
                    e.classNames().get(1)
                        + " when p &ge; "
                        + fmt(t.value())
                        + " (chosen by "
                        + esc(t.criterion())
                        + ")")
            .orElse("most probable class"));
    html.append("</table>\n");
    summary(e);
    plots(e);
    perClass(e);
    confusion(e);
    reliability(e);
    html.append("</body>\n</html>\n");
  }

  private void summary(Evaluation e) {
    boolean binary = e.classNames().size() == 2;
    html.append("<h2>Metrics</h2>\n<table>\n<tr><th class=\"l\">metric</th><th>value</th></tr>\n");
    metric("accuracy", e.accuracy());
    metric("balanced accuracy", e.balancedAccuracy());
    metric("macro F1", e.macroF1());
    metric("micro F1", e.microF1());
    metric("weighted F1", e.weightedF1());
    metric("log loss", e.logLoss());
    metric("Brier score", e.brier());
    metric(binary ? "ROC AUC" : "ROC AUC (one-vs-rest, macro)", e.rocAuc());
    if (!binary) {
      metric("ROC AUC (one-vs-rest, weighted)", e.rocAucWeighted());
    }
    metric(binary ? "average precision" : "average precision (macro)", e.averagePrecision());
    for (int k : new int[] {2, 3, 5}) {
      if (k < e.classNames().size()) {
        metric("top-" + k + " accuracy", e.topKAccuracy(k));
      }
    }
    metric("ECE (15 equal-width bins)", e.ece());
    metric("MCE (15 equal-width bins)", e.mce());
    metric("ECE (15 equal-mass bins)", e.reliability(BinStrategy.EQUAL_MASS).ece());
    html.append("</table>\n");
  }

  private void plots(Evaluation e) {
    String curves =
        e.classNames().size() == 2
            ? "Class " + esc(e.classNames().get(1)) + " against " + esc(e.classNames().get(0)) + "."
            : "Each class against the rest"
                + (e.classNames().size() > Charts.MAX_CURVES
                    ? " (the " + Charts.MAX_CURVES + " largest classes)."
                    : ".");
    html.append("<h2>Plots</h2>\n<div class=\"plots\">\n");
    figure("confusion.png", "Confusion matrix", "Counts: true class down, predicted class across.");
    figure(
        "reliability.png",
        "Reliability diagram",
        "Accuracy against mean confidence in each bin; on the diagonal means calibrated.");
    figure("roc.png", "ROC curves", curves);
    figure("precision_recall.png", "Precision-recall curves", curves);
    figure("f1.png", "F1 per class", "F1 of each class's decisions.");
    figure(
        "histogram.png",
        "Probability histogram",
        e.classNames().size() == 2
            ? "The probability of " + esc(e.classNames().get(1)) + ", split by true class."
            : "The probability of the predicted class, for right and wrong predictions.");
    html.append("</div>\n");
  }

  private void figure(String file, String alt, String caption) {
    html.append("<figure><img src=\"")
        .append(file)
        .append("\" alt=\"")
        .append(alt)
        .append("\" width=\"640\"><figcaption>")
        .append(caption)
        .append("</figcaption></figure>\n");
  }

  private void perClass(Evaluation e) {
    html.append("<h2>Per class</h2>\n<table>\n<tr><th class=\"l\">class</th><th>precision</th>")
        .append("<th>recall</th><th>F1</th><th>support</th><th>ROC AUC</th><th>AP</th></tr>\n");
    for (ClassMetrics c : e.perClass()) {
      html.append("<tr><td class=\"l\">")
          .append(esc(c.name()))
          .append("</td><td>")
          .append(fmt(c.precision()))
          .append("</td><td>")
          .append(fmt(c.recall()))
          .append("</td><td>")
          .append(fmt(c.f1()))
          .append("</td><td>")
          .append(c.support())
          .append("</td><td>")
          .append(fmt(c.rocAuc()))
          .append("</td><td>")
          .append(fmt(c.averagePrecision()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void confusion(Evaluation e) {
    List<String> names = e.classNames();
    html.append("<h2>Confusion matrix</h2>\n<table>\n<tr><th class=\"l\">true \\ predicted</th>");
    for (String n : names) {
      html.append("<th>").append(esc(n)).append("</th>");
    }
    html.append("</tr>\n");
    int[][] m = e.confusion();
    for (int t = 0; t < m.length; t++) {
      html.append("<tr><th class=\"l\">").append(esc(names.get(t))).append("</th>");
      for (int v : m[t]) {
        html.append("<td>").append(v).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private void reliability(Evaluation e) {
    ReliabilityDiagram d = e.reliability(BinStrategy.EQUAL_WIDTH);
    html.append("<h2>Reliability bins (equal width)</h2>\n<table>\n")
        .append("<tr><th>from</th><th>to</th><th>rows</th><th>mean confidence</th>")
        .append("<th>accuracy</th><th>gap</th></tr>\n");
    for (ReliabilityDiagram.Bin b : d.bins()) {
      html.append("<tr><td>")
          .append(fmt(b.lower()))
          .append("</td><td>")
          .append(fmt(b.upper()))
          .append("</td><td>")
          .append(b.count())
          .append("</td><td>")
          .append(fmt(b.confidence()))
          .append("</td><td>")
          .append(fmt(b.accuracy()))
          .append("</td><td>")
          .append(fmt(b.gap()))
          .append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private void metric(String name, double value) {
    html.append("<tr><td class=\"l\">")
        .append(name)
        .append("</td><td>")
        .append(fmt(value))
        .append("</td></tr>\n");
  }

  private void row(String name, String value) {
    rowHtml(name, esc(value));
  }

  private void rowHtml(String name, String safeHtml) {
    html.append("<tr><th class=\"l\">")
        .append(name)
        .append("</th><td class=\"l\">")
        .append(safeHtml)
        .append("</td></tr>\n");
  }

  static String describe(Calibrator c) {
    if (c instanceof TemperatureScaling t) {
      return String.format(Locale.ROOT, "temperature scaling, T = %.4f", t.temperature());
    }
    if (c instanceof PlattScaling p) {
      return String.format(Locale.ROOT, "Platt scaling, a = %.4f, b = %.4f", p.a(), p.b());
    }
    if (c instanceof PerLabelPlattScaling p) {
      return "Platt scaling per label (" + p.labels().size() + " labels)";
    }
    IsotonicCalibration iso = (IsotonicCalibration) c;
    int knots = iso.maps().stream().mapToInt(m -> m.x().length).sum();
    return "isotonic regression, " + iso.maps().size() + " maps, " + knots + " knots";
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "&ndash;" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** HTML-escapes text from the user (file names, class names). */
  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
