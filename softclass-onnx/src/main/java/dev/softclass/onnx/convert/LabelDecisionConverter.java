package dev.softclass.onnx.convert;

import static dev.softclass.onnx.OnnxGraph.attr;

import dev.softclass.calibrate.LabelDecision;
import dev.softclass.onnx.OnnxGraph;
import dev.softclass.onnx.proto.Onnx.TensorProto.DataType;
import java.util.List;

/**
 * A multi-label model's {@link LabelDecision} as an int64 {@code [N, L]} indicator matrix (1 for a
 * chosen label), the shape of sklearn-onnx's multi-label {@code label} output: each label whose
 * probability reaches its threshold; with a top-k limit, only those ranked below {@code k} among
 * the chosen (rank = labels with a higher probability, or an equal one at a lower index, as
 * Softclass breaks ties; a {@code [N, L, L]} comparison); with at-least-one, the most probable
 * label when none is chosen.
 */
public final class LabelDecisionConverter {
  private LabelDecisionConverter() {}

  /**
   * @param probabilities float64 {@code [N, L]}
   * @return int64 {@code [N, L]}
   */
  public static String indicators(OnnxGraph g, LabelDecision d, String probabilities, int labels) {
    double[] thresholds = new double[labels];
    for (int k = 0; k < labels; k++) {
      thresholds[k] = d.threshold(k);
    }
    String chosen =
        g.op("GreaterOrEqual", probabilities, g.doubles("label_thresholds", thresholds, labels));
    if (d.topK() > 0 && d.topK() < labels) {
      chosen =
          g.op(
              "And",
              chosen,
              g.op(
                  "Less",
                  rank(g, chosen, probabilities, labels),
                  g.longs("top_k", new long[] {d.topK()})));
    }
    if (d.atLeastOne()) {
      String any =
          g.node(
              "ReduceMax",
              List.of(g.cast(chosen, DataType.INT64)),
              attr("axes", new long[] {1}),
              attr("keepdims", 1));
      String best = g.node("ArgMax", List.of(probabilities), attr("axis", 1), attr("keepdims", 1));
      String isBest = g.op("Equal", g.longs("label_index", range(labels), labels), best);
      String fallback = g.op("And", g.op("Equal", any, g.longs("none", new long[] {0})), isBest);
      chosen = g.op("Or", chosen, fallback);
    }
    return g.cast(chosen, DataType.INT64);
  }

  /** Each label's rank among the chosen ones (0 for the most probable). */
  private static String rank(OnnxGraph g, String chosen, String p, int labels) {
    String masked = g.op("Where", chosen, p, g.scalar("unchosen", -1.0));
    String axes1 = g.longs("axes", new long[] {1}, 1);
    String axes2 = g.longs("axes", new long[] {2}, 1);
    String mine = g.op("Unsqueeze", masked, axes2); // [N, L, 1]: label k
    String others = g.op("Unsqueeze", masked, axes1); // [N, 1, L]: label j
    long[] lowerAsLong = new long[labels * labels];
    for (int k = 0; k < labels; k++) {
      for (int j = 0; j < k; j++) {
        lowerAsLong[k * labels + j] = 1;
      }
    }
    String before = g.cast(g.longs("lower_index", lowerAsLong, labels, labels), DataType.BOOL);
    String ahead =
        g.op("Or", g.op("Greater", others, mine), g.op("And", g.op("Equal", others, mine), before));
    return g.node("ReduceSum", List.of(g.cast(ahead, DataType.INT64), axes2), attr("keepdims", 0));
  }

  private static long[] range(int n) {
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }
}
