package dev.softclass.onnx.convert;

import static dev.softclass.onnx.OnnxGraph.attr;

import dev.softclass.head.FullSoftmaxHead;
import dev.softclass.head.HierarchicalSoftmaxHead;
import dev.softclass.head.NegativeSamplingHead;
import dev.softclass.head.OneVsAllHead;
import dev.softclass.head.SampledSoftmaxHead;
import dev.softclass.head.SgdHead;
import dev.softclass.onnx.OnnxGraph;
import dev.softclass.onnx.UnsupportedModelException;
import java.util.List;

/**
 * The heads of text models ({@link SgdHead}), exact at prediction as Softclass's own, whatever
 * approximation trained them:
 *
 * <ul>
 *   <li>softmax and sampled: {@code Softmax} over all classes;
 *   <li>ova, and ns without softmax: one {@code Sigmoid} per class; ns with softmax at prediction:
 *       {@code Softmax};
 *   <li>hs (hierarchical softmax): the tree is flattened into a {@code [K, depth]} matrix of the
 *       inner-node rows on each class's path (padded) and one of signs (+1 right, -1 left, 0
 *       padding); the inner-node logits are gathered into {@code [N, K, depth]}, multiplied by the
 *       signs, and each class's probability is {@code exp(sum log sigmoid(sign * z))} along its
 *       path, with the log-sigmoid computed stably as {@code min(a, 0) - log(1 + exp(-|a|))}.
 * </ul>
 */
public final class SgdHeadConverter {
  private SgdHeadConverter() {}

  /**
   * @param logits float64 {@code [N, head.numRows()]}: the output matrix times the hidden vector
   * @return float64 {@code [N, K]} probabilities (or sigmoid scores)
   */
  public static String probabilities(OnnxGraph g, SgdHead head, String logits) {
    if (head instanceof FullSoftmaxHead || head instanceof SampledSoftmaxHead) {
      return softmax(g, logits);
    }
    if (head instanceof NegativeSamplingHead ns) {
      return ns.softmaxAtPrediction() ? softmax(g, logits) : g.op("Sigmoid", logits);
    }
    if (head instanceof OneVsAllHead) {
      return g.op("Sigmoid", logits);
    }
    if (head instanceof HierarchicalSoftmaxHead hs) {
      return hierarchical(g, hs, logits);
    }
    throw new UnsupportedModelException(
        "text head '" + head.name() + "' cannot be exported to ONNX yet");
  }

  private static String softmax(OnnxGraph g, String logits) {
    return g.node("Softmax", List.of(logits), attr("axis", 1));
  }

  private static String hierarchical(OnnxGraph g, HierarchicalSoftmaxHead hs, String logits) {
    int k = hs.numClasses();
    int depth = 0;
    for (int c = 0; c < k; c++) {
      depth = Math.max(depth, hs.depth(c));
    }
    long[] rows = new long[k * depth];
    double[] signs = new double[k * depth];
    for (int c = 0; c < k; c++) {
      int[] path = hs.pathRows(c);
      boolean[] right = hs.pathRight(c);
      for (int i = 0; i < path.length; i++) {
        rows[c * depth + i] = path[i];
        signs[c * depth + i] = right[i] ? 1 : -1;
      }
    }
    double[] used = new double[signs.length];
    for (int i = 0; i < signs.length; i++) {
      used[i] = Math.abs(signs[i]);
    }
    String z =
        g.node("Gather", List.of(logits, g.longs("path_rows", rows, k, depth)), attr("axis", 1));
    String a = g.op("Mul", z, g.doubles("path_signs", signs, k, depth));
    String softplus =
        g.op("Log", g.op("Add", g.scalar("one", 1), g.op("Exp", g.op("Neg", g.op("Abs", a)))));
    String logSigmoid = g.op("Sub", g.op("Min", a, g.scalar("zero", 0)), softplus);
    String onPath = g.op("Mul", logSigmoid, g.doubles("path_used", used, k, depth));
    String logP =
        g.node(
            "ReduceSum", List.of(onPath, g.longs("axes", new long[] {2}, 1)), attr("keepdims", 0));
    return g.op("Exp", logP);
  }
}
