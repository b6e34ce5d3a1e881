package dev.softclass.onnx.convert;

import static dev.softclass.onnx.OnnxGraph.attr;

import dev.softclass.head.SoftmaxHead;
import dev.softclass.onnx.HeadConverter;
import dev.softclass.onnx.OnnxGraph;
import java.util.List;

/**
 * {@link SoftmaxHead}: {@code Softmax} over the classes. The log-odds of class {@code k} are {@code
 * z_k - logsumexp(z_j, j != k)}: the logits are repeated into a {@code [N, K, K]} tensor whose
 * diagonal is masked to minus infinity and reduced with {@code ReduceLogSumExp}, so a dominant
 * class keeps finite, exact log-odds (as {@code 1 - p} would not). That costs {@code K^2} values
 * per row, which is only built when a Platt or isotonic calibration needs it.
 */
public final class SoftmaxHeadConverter implements HeadConverter<SoftmaxHead> {
  @Override
  public String probabilities(OnnxGraph g, SoftmaxHead head, String logits) {
    return g.node("Softmax", List.of(logits), attr("axis", 1));
  }

  @Override
  public String logOdds(OnnxGraph g, SoftmaxHead head, String logits) {
    int k = head.numOutputs();
    double[] mask = new double[k * k];
    for (int i = 0; i < k; i++) {
      mask[i * k + i] = Double.NEGATIVE_INFINITY;
    }
    String rows = g.op("Unsqueeze", logits, g.longs("axes", new long[] {1}, 1));
    String others = g.op("Add", rows, g.doubles("diagonal_mask", mask, k, k));
    String logSumExp =
        g.node(
            "ReduceLogSumExp", List.of(others), attr("axes", new long[] {2}), attr("keepdims", 0));
    return g.op("Sub", logits, logSumExp);
  }
}
