package dev.softclass.onnx.convert;

import static dev.softclass.onnx.OnnxGraph.attr;

import dev.softclass.head.HingeHead;
import dev.softclass.onnx.HeadConverter;
import dev.softclass.onnx.OnnxGraph;
import dev.softclass.onnx.UnsupportedModelException;
import java.util.List;

/**
 * {@link HingeHead}: the decision values {@code f} through the Platt sigmoids {@code sigmoid(a f +
 * b)}; for two classes {@code [sigmoid(-u), sigmoid(u)]}, for more the per-class scores divided by
 * their sum.
 */
public final class HingeHeadConverter implements HeadConverter<HingeHead> {
  @Override
  public String probabilities(OnnxGraph g, HingeHead head, String logits) {
    int k = head.numOutputs();
    String u =
        g.op(
            "Add",
            g.op("Mul", logits, g.doubles("platt_a", head.plattA(), k)),
            g.doubles("platt_b", head.plattB(), k));
    if (head.numClasses() == 2) {
      return SigmoidHeadConverter.twoSided(g, "Sigmoid", u);
    }
    String scores = g.op("Sigmoid", u);
    String sum =
        g.node(
            "ReduceSum",
            List.of(scores, g.longs("sum_axes", new long[] {1}, 1)),
            attr("keepdims", 1));
    return g.op("Div", scores, sum);
  }

  /** Never asked: a hinge model's probabilities are already Platt-scaled and not calibrated. */
  @Override
  public String logOdds(OnnxGraph g, HingeHead head, String logits) {
    throw new UnsupportedModelException(
        "a hinge model carries its own Platt scaling and no further calibration");
  }
}
