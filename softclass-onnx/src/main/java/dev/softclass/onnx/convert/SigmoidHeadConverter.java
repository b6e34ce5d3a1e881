package dev.softclass.onnx.convert;

import static dev.softclass.onnx.OnnxGraph.attr;

import dev.softclass.head.SigmoidHead;
import dev.softclass.onnx.HeadConverter;
import dev.softclass.onnx.OnnxGraph;
import java.util.List;

/**
 * {@link SigmoidHead}: one logit {@code z}; {@code [sigmoid(-z), sigmoid(z)]}, each side computed
 * directly as Softclass does; the log-odds are {@code [-z, z]}.
 */
public final class SigmoidHeadConverter implements HeadConverter<SigmoidHead> {
  @Override
  public String probabilities(OnnxGraph g, SigmoidHead head, String logits) {
    return twoSided(g, "Sigmoid", logits);
  }

  @Override
  public String logOdds(OnnxGraph g, SigmoidHead head, String logits) {
    return g.node("Concat", List.of(g.op("Neg", logits), logits), attr("axis", 1));
  }

  /** {@code [f(-u), f(u)]} for a column {@code u} of shape {@code [N, 1]}. */
  static String twoSided(OnnxGraph g, String f, String u) {
    return g.node("Concat", List.of(g.op(f, g.op("Neg", u)), g.op(f, u)), attr("axis", 1));
  }
}
