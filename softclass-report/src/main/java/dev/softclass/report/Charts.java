package dev.softclass.report;

import dev.softclass.Model;
import dev.softclass.eval.BinStrategy;
import dev.softclass.eval.BinaryCurve;
import dev.softclass.eval.ClassMetrics;
import dev.softclass.eval.Evaluation;
import dev.softclass.eval.LabelMetrics;
import dev.softclass.eval.MultiLabelEvaluation;
import dev.softclass.eval.ReliabilityDiagram;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's charts, built with XChart from an {@link Evaluation}. */
final class Charts {
  static final int WIDTH = 640;
  static final int HEIGHT = 480;

  /** Curves per ROC or PR chart; with more classes, the largest classes are drawn. */
  static final int MAX_CURVES = 10;

  /** Points per curve; longer curves are thinned evenly (the ends are kept). */
  private static final int MAX_POINTS = 1000;

  private static final int HISTOGRAM_BINS = 20;
  private static final Color GREY = new Color(150, 150, 150);

  /** One colour per class (Tableau 10), so a class has the same colour in every chart. */
  private static final Color[] PALETTE = {
    new Color(31, 119, 180),
    new Color(255, 127, 14),
    new Color(44, 160, 44),
    new Color(214, 39, 40),
    new Color(148, 103, 189),
    new Color(140, 86, 75),
    new Color(227, 119, 194),
    new Color(127, 127, 127),
    new Color(188, 189, 34),
    new Color(23, 190, 207)
  };

  private Charts() {}

  /** Confusion matrix as a heat map of counts: true class down, predicted class across. */
  static HeatMapChart confusion(Evaluation e) {
    HeatMapChart chart =
        new HeatMapChartBuilder()
            .width(Math.max(WIDTH, 60 * e.classNames().size()))
            .height(Math.max(HEIGHT, 45 * e.classNames().size()))
            .title("Confusion matrix")
            .xAxisTitle("predicted class")
            .yAxisTitle("true class")
            .build();
    int k = e.classNames().size();
    int[][] m = e.confusion();
    List<Number[]> cells = new ArrayList<>();
    int max = 1;
    for (int t = 0; t < k; t++) {
      for (int p = 0; p < k; p++) {
        // y index 0 is drawn at the bottom: put the first class at the top, as in the tables
        cells.add(new Number[] {p, k - 1 - t, m[t][p]});
        max = Math.max(max, m[t][p]);
      }
    }
    List<String> reversed = new ArrayList<>(e.classNames());
    java.util.Collections.reverse(reversed);
    chart.addSeries("counts", e.classNames(), reversed, cells);
    chart.getStyler().setShowValue(k <= 20);
    chart.getStyler().setMin(0);
    chart.getStyler().setMax(max);
    chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(33, 102, 172)});
    chart.getStyler().setValueFontColor(Color.BLACK);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(labelRotation(e.classNames()));
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    return chart;
  }

  /** Reliability diagram: accuracy against mean confidence per equal-width bin, with the ECE. */
  static XYChart reliability(Evaluation e) {
    ReliabilityDiagram d = e.reliability(BinStrategy.EQUAL_WIDTH);
    XYChart chart =
        xy(
            String.format(
                Locale.ROOT,
                "Reliability (ECE %.2f %%, MCE %.2f %%, %d bins)",
                100 * d.ece(),
                100 * d.mce(),
                ReliabilityDiagram.DEFAULT_BINS),
            "mean confidence (probability of the predicted class)",
            "accuracy");
    XYSeries ideal =
        chart.addSeries("perfect calibration", new double[] {0, 1}, new double[] {0, 1});
    ideal.setLineColor(GREY);
    ideal.setMarker(SeriesMarkers.NONE);
    double[] conf = d.bins().stream().mapToDouble(ReliabilityDiagram.Bin::confidence).toArray();
    double[] acc = d.bins().stream().mapToDouble(ReliabilityDiagram.Bin::accuracy).toArray();
    chart.addSeries("model", conf, acc).setMarker(SeriesMarkers.CIRCLE);
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    return chart;
  }

  /** ROC curves: class 1 for a binary model, each class against the rest otherwise. */
  static XYChart roc(Evaluation e) {
    XYChart chart = xy("ROC curves", "false positive rate", "true positive rate");
    XYSeries chance = chart.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
    chance.setLineColor(GREY);
    chance.setMarker(SeriesMarkers.NONE);
    for (int c : curveClasses(e)) {
      BinaryCurve curve = e.curve(c);
      double[][] roc = curve.roc();
      String label =
          String.format(
              Locale.ROOT, "%s (AUC %.3f)", e.classNames().get(c), e.perClass().get(c).rocAuc());
      XYSeries series = chart.addSeries(label, thin(roc[0]), thin(roc[1]));
      series.setMarker(SeriesMarkers.NONE);
      series.setLineColor(PALETTE[c % PALETTE.length]);
    }
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    return chart;
  }

  /** Precision-recall curves, as {@link #roc}. */
  static XYChart precisionRecall(Evaluation e) {
    XYChart chart = xy("Precision-recall curves", "recall", "precision");
    for (int c : curveClasses(e)) {
      double[][] pr = e.curve(c).precisionRecall();
      String label =
          String.format(
              Locale.ROOT,
              "%s (AP %.3f)",
              e.classNames().get(c),
              e.perClass().get(c).averagePrecision());
      XYSeries series = chart.addSeries(label, thin(pr[1]), thin(pr[0]));
      series.setMarker(SeriesMarkers.NONE);
      series.setLineColor(PALETTE[c % PALETTE.length]);
    }
    chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    return chart;
  }

  /** F1 of each class as bars. */
  static CategoryChart f1(Evaluation e) {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(Math.max(WIDTH, 40 * e.classNames().size()))
            .height(HEIGHT)
            .title(String.format(Locale.ROOT, "F1 per class (macro F1 %.3f)", e.macroF1()))
            .xAxisTitle("class")
            .yAxisTitle("F1")
            .build();
    List<Double> f1 = e.perClass().stream().map(ClassMetrics::f1).toList();
    chart.addSeries("F1", e.classNames(), f1);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setLegendVisible(false);
    chart.getStyler().setXAxisLabelRotation(labelRotation(e.classNames()));
    style(chart.getStyler());
    return chart;
  }

  /** A multi-label model's F1 and ROC AUC per label, side by side. */
  static CategoryChart perLabel(MultiLabelEvaluation e) {
    List<String> names = e.labels();
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(Math.max(WIDTH, 50 * names.size()))
            .height(HEIGHT)
            .title(
                String.format(
                    Locale.ROOT,
                    "Per label: F1 (macro %.3f, micro %.3f) and ROC AUC",
                    e.macroF1(),
                    e.microF1()))
            .xAxisTitle("label")
            .yAxisTitle("score")
            .build();
    chart.addSeries("F1", names, e.perLabel().stream().map(LabelMetrics::f1).toList());
    // An undefined AUC (label on every row or none) is drawn as 0 and shown as a dash in the table.
    chart.addSeries(
        "ROC AUC",
        names,
        e.perLabel().stream().map(m -> Double.isNaN(m.rocAuc()) ? 0.0 : m.rocAuc()).toList());
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    chart.getStyler().setXAxisLabelRotation(labelRotation(names));
    style(chart.getStyler());
    return chart;
  }

  /**
   * Probability histograms: for a binary model, the probability of class 1 by true class; for more
   * classes, the confidence (probability of the predicted class) of right and wrong predictions.
   */
  static CategoryChart histogram(Evaluation e, double[][] probs, int[] truth) {
    boolean binary = e.classNames().size() == 2;
    String title =
        binary
            ? "Probability of " + e.classNames().get(1) + " by true class"
            : "Confidence of right and wrong predictions";
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(binary ? "p(" + e.classNames().get(1) + ")" : "confidence")
            .yAxisTitle("rows")
            .build();
    List<String> bins = new ArrayList<>();
    for (int b = 0; b < HISTOGRAM_BINS; b++) {
      bins.add(String.format(Locale.ROOT, "%.2f", (b + 0.5) / HISTOGRAM_BINS));
    }
    int[][] counts = new int[2][HISTOGRAM_BINS];
    for (int i = 0; i < probs.length; i++) {
      int top = Model.argmax(probs[i]);
      double v = binary ? probs[i][1] : probs[i][top];
      int group = binary ? truth[i] : (top == truth[i] ? 0 : 1);
      counts[group][Math.min((int) (v * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)]++;
    }
    String[] names =
        binary
            ? new String[] {"true " + e.classNames().get(0), "true " + e.classNames().get(1)}
            : new String[] {"right", "wrong"};
    for (int g = 0; g < 2; g++) {
      chart.addSeries(names[g], bins, Arrays.stream(counts[g]).boxed().toList());
    }
    chart.getStyler().setOverlapped(true);
    chart.getStyler().setXAxisLabelRotation(90);
    style(chart.getStyler());
    return chart;
  }

  /** Class names on an axis are turned when they would not fit side by side. */
  private static int labelRotation(List<String> names) {
    int chars = names.stream().mapToInt(String::length).sum() + 2 * names.size();
    return chars > 60 ? 45 : 0;
  }

  /** The classes drawn in ROC and PR charts: class 1 if binary, else the largest ones. */
  static int[] curveClasses(Evaluation e) {
    int k = e.classNames().size();
    if (k == 2) {
      return new int[] {1};
    }
    return IntStream.range(0, k)
        .boxed()
        .sorted(Comparator.comparingInt((Integer c) -> -e.perClass().get(c).support()))
        .limit(MAX_CURVES)
        .sorted()
        .mapToInt(Integer::intValue)
        .toArray();
  }

  private static XYChart xy(String title, String x, String y) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle(x)
            .yAxisTitle(y)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    style(chart.getStyler());
    return chart;
  }

  private static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setLegendBorderColor(GREY);
  }

  /** At most {@link #MAX_POINTS} evenly spaced points, always keeping the first and last. */
  static double[] thin(double[] values) {
    if (values.length <= MAX_POINTS) {
      return values;
    }
    double[] out = new double[MAX_POINTS];
    for (int i = 0; i < MAX_POINTS; i++) {
      out[i] = values[(int) Math.round((double) i * (values.length - 1) / (MAX_POINTS - 1))];
    }
    return out;
  }
}
