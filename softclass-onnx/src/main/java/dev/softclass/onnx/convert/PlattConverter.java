package dev.softclass.onnx.convert;

import dev.softclass.calibrate.PlattScaling;
import dev.softclass.onnx.CalibratorConverter;
import dev.softclass.onnx.OnnxGraph;

/**
 * {@link PlattScaling}: {@code u = a s + b} with {@code s} the log-odds of class 1, then {@code
 * [sigmoid(-u), sigmoid(u)]}.
 */
public final class PlattConverter implements CalibratorConverter<PlattScaling> {
  @Override
  public String probabilities(OnnxGraph g, PlattScaling p, BoundHead head, String logits) {
    String s = g.columns(head.logOdds(g, logits), 1, 2);
    String u = g.op("Add", g.op("Mul", s, g.scalar("platt_a", p.a())), g.scalar("platt_b", p.b()));
    return SigmoidHeadConverter.twoSided(g, "Sigmoid", u);
  }
}
