package dev.softclass.onnx;

import dev.softclass.head.Head;

/**
 * Converts one kind of {@link Head}: its link from logits to probabilities, and the log-odds of
 * each class that the Platt and isotonic calibrators read.
 *
 * @param <H> the head class it converts
 */
public interface HeadConverter<H extends Head> {
  /**
   * Adds the nodes from logits to probabilities.
   *
   * @param logits a float64 tensor {@code [N, numOutputs]}
   * @return a float64 tensor {@code [N, numClasses]}
   */
  String probabilities(OnnxGraph graph, H head, String logits);

  /**
   * Adds the nodes from logits to each class's log-odds {@code log(p_k / (1 - p_k))}, computed
   * without forming {@code p_k} as Softclass's calibrators do.
   *
   * @param logits a float64 tensor {@code [N, numOutputs]}
   * @return a float64 tensor {@code [N, numClasses]}
   */
  String logOdds(OnnxGraph graph, H head, String logits);
}
