package dev.softclass.bench.page;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG scatter plot of one dataset's results: training time (log scale) across, test accuracy up,
 * one point per system; Softclass's points are drawn as diamonds.
 */
final class TimeAccuracyChart {
  private TimeAccuracyChart() {}

  /** Writes the chart for {@code rows} (rows without a result are left out) to {@code png}. */
  static void write(String title, List<ResultRow> rows, Path png) throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(760)
            .height(460)
            .title(title)
            .xAxisTitle("training time, s (log scale)")
            .yAxisTitle("test accuracy")
            .build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(10);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    for (ResultRow r : rows) {
      if (!r.ok() || !(r.trainSeconds() > 0)) {
        continue;
      }
      XYSeries s =
          chart.addSeries(r.system(), new double[] {r.trainSeconds()}, new double[] {r.accuracy()});
      s.setMarker(r.isSoftclass() ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
    }
    if (chart.getSeriesMap().isEmpty()) {
      return;
    }
    String file = png.toString();
    BitmapEncoder.saveBitmap(
        chart, file.substring(0, file.length() - ".png".length()), BitmapEncoder.BitmapFormat.PNG);
  }
}
