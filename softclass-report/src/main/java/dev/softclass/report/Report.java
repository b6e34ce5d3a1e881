package dev.softclass.report;

import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import dev.softclass.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * An evaluation report: {@code index.html} with the metrics as tables and PNG plots beside it
 * (confusion matrix heat map, reliability diagram with ECE, ROC and precision-recall curves, F1 per
 * class, probability histograms). The page is self-contained: no scripts, no fonts or styles from
 * the network. Immutable once made; writing it is atomic per file, the page last.
 */
public final class Report {
  /** The plots, by file name, in page order. */
  static final List<String> PLOTS =
      List.of(
          "confusion.png",
          "reliability.png",
          "roc.png",
          "precision_recall.png",
          "f1.png",
          "histogram.png");

  private final Model model;
  private final String modelName;
  private final String dataName;
  private final Evaluation evaluation;
  private final double[][] probs;
  private final int[] truth;

  private Report(Model model, String modelName, Dataset test) {
    if (!test.hasLabels()) {
      throw new SoftclassException(test.source() + ": a report needs a label for every row");
    }
    this.model = model;
    this.modelName = modelName;
    this.dataName = test.source();
    this.probs = model.predictProba(test);
    this.truth = test.labels();
    double threshold = model.threshold().map(t -> t.value()).orElse(Double.NaN);
    this.evaluation = Evaluation.of(probs, truth, model.classes(), threshold);
  }

  /**
   * Evaluates {@code model} on labelled {@code test} data for a report.
   *
   * @param modelName how the page names the model (for example its file name)
   * @throws SoftclassException if the data have no labels or do not fit the model
   */
  public static Report of(Model model, String modelName, Dataset test) {
    return new Report(model, modelName, test);
  }

  /** The evaluation the report shows. */
  public Evaluation evaluation() {
    return evaluation;
  }

  /**
   * Writes the plots and then {@code index.html} into {@code dir} (created if needed).
   *
   * @return the files written, the page last
   * @throws SoftclassException if a file cannot be written
   */
  public List<Path> write(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new SoftclassException(dir + " is a file; the report needs a folder");
    }
    Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
    charts.put(PLOTS.get(0), Charts.confusion(evaluation));
    charts.put(PLOTS.get(1), Charts.reliability(evaluation));
    charts.put(PLOTS.get(2), Charts.roc(evaluation));
    charts.put(PLOTS.get(3), Charts.precisionRecall(evaluation));
    charts.put(PLOTS.get(4), Charts.f1(evaluation));
    charts.put(PLOTS.get(5), Charts.histogram(evaluation, probs, truth));
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, Chart<?, ?>> c : charts.entrySet()) {
      Path file = dir.resolve(c.getKey());
      byte[] png = png(c.getValue());
      AtomicFiles.write(file, "the plot " + c.getKey(), out -> out.write(png));
      written.add(file);
    }
    byte[] html =
        HtmlPage.render(model, modelName, dataName, evaluation).getBytes(StandardCharsets.UTF_8);
    Path page = dir.resolve("index.html");
    AtomicFiles.write(page, "the report page", out -> out.write(html));
    written.add(page);
    return written;
  }

  private static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a chart as PNG", e);
    }
  }
}
