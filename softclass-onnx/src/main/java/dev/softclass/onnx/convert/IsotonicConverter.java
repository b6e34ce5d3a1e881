package dev.softclass.onnx.convert;

import static dev.softclass.onnx.OnnxGraph.attr;

import dev.softclass.calibrate.IsotonicCalibration;
import dev.softclass.calibrate.IsotonicRegression;
import dev.softclass.onnx.CalibratorConverter;
import dev.softclass.onnx.OnnxGraph;
import dev.softclass.onnx.proto.Onnx.TensorProto.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link IsotonicCalibration}: each class's piecewise-linear map of its log-odds, in float64 with
 * the knots as saved. A map clips its input to the first and last knot, finds the segment by
 * counting the knots at or below the input, and interpolates {@code slope * (v - x_lo) + y_lo} (the
 * slopes computed in Java as Softclass computes them). A binary model has one map for class 1 and
 * class 0 gets the rest; more classes are divided by their sum, or uniform if it is 0.
 */
public final class IsotonicConverter implements CalibratorConverter<IsotonicCalibration> {
  @Override
  public String probabilities(OnnxGraph g, IsotonicCalibration cal, BoundHead head, String logits) {
    String logOdds = head.logOdds(g, logits);
    List<IsotonicRegression> maps = cal.maps();
    if (maps.size() == 1) {
      String p1 = map(g, maps.get(0), g.columns(logOdds, 1, 2));
      String p0 = g.op("Sub", g.scalar("one", 1.0), p1);
      return g.node("Concat", List.of(p0, p1), attr("axis", 1));
    }
    List<String> columns = new ArrayList<>();
    for (int k = 0; k < maps.size(); k++) {
      columns.add(map(g, maps.get(k), g.columns(logOdds, k, k + 1)));
    }
    String p = g.node("Concat", columns, attr("axis", 1));
    String sum = g.op("ReduceSum", p, g.longs("axes", new long[] {1}, 1)); // keepdims defaults to 1
    String zero = g.op("Equal", sum, g.scalar("zero", 0.0));
    return g.op("Where", zero, g.scalar("uniform", 1.0 / maps.size()), g.op("Div", p, sum));
  }

  /** The map applied to a column {@code v} of shape {@code [N, 1]}. */
  private static String map(OnnxGraph g, IsotonicRegression r, String v) {
    double[] x = r.x();
    double[] y = r.y();
    int m = x.length;
    if (m == 1) {
      return g.op("Add", g.op("Mul", v, g.scalar("zero", 0.0)), g.scalar("constant", y[0]));
    }
    double[] slope = new double[m - 1];
    for (int i = 0; i + 1 < m; i++) {
      slope[i] = (y[i + 1] - y[i]) / (x[i + 1] - x[i]);
    }
    String knots = g.doubles("knots", x, m);
    String clipped = g.op("Clip", v, g.scalar("first_knot", x[0]), g.scalar("last_knot", x[m - 1]));
    String atOrBelow = g.cast(g.op("LessOrEqual", knots, clipped), DataType.INT64);
    String count = g.op("ReduceSum", atOrBelow, g.longs("axes", new long[] {1}, 1));
    String lo =
        g.op(
            "Min",
            g.op("Sub", count, g.longs("one", new long[] {1})),
            g.longs("last_segment", new long[] {m - 2}));
    String xLo = g.op("Gather", knots, lo);
    String yLo = g.op("Gather", g.doubles("values", y, m), lo);
    String slopeLo = g.op("Gather", g.doubles("slopes", slope, m - 1), lo);
    return g.op("Add", g.op("Mul", slopeLo, g.op("Sub", clipped, xLo)), yLo);
  }
}
