package dev.softclass.onnx.convert;

import dev.softclass.calibrate.PerLabelPlattScaling;
import dev.softclass.calibrate.PlattScaling;
import dev.softclass.onnx.CalibratorConverter;
import dev.softclass.onnx.OnnxGraph;
import java.util.List;

/** {@link PerLabelPlattScaling}: {@code sigmoid(a_k s_k + b_k)} on each label's log-odds. */
public final class PerLabelPlattConverter implements CalibratorConverter<PerLabelPlattScaling> {
  @Override
  public String probabilities(
      OnnxGraph g, PerLabelPlattScaling calibrator, BoundHead head, String logits) {
    List<PlattScaling> labels = calibrator.labels();
    int n = labels.size();
    double[] a = new double[n];
    double[] b = new double[n];
    for (int k = 0; k < n; k++) {
      a[k] = labels.get(k).a();
      b[k] = labels.get(k).b();
    }
    String s = head.logOdds(g, logits);
    String u = g.op("Add", g.op("Mul", s, g.doubles("platt_a", a, n)), g.doubles("platt_b", b, n));
    return g.op("Sigmoid", u);
  }
}
