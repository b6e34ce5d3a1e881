package dev.softclass.onnx.convert;

import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.onnx.HeadConverter;
import dev.softclass.onnx.OnnxGraph;

/**
 * {@link IndependentSigmoidHead} (multi-label): {@code sigmoid(z_k)} for each label, no sum
 * constraint; each label's log-odds is its logit.
 */
public final class IndependentSigmoidHeadConverter
    implements HeadConverter<IndependentSigmoidHead> {
  @Override
  public String probabilities(OnnxGraph g, IndependentSigmoidHead head, String logits) {
    return g.op("Sigmoid", logits);
  }

  @Override
  public String logOdds(OnnxGraph g, IndependentSigmoidHead head, String logits) {
    return logits;
  }
}
