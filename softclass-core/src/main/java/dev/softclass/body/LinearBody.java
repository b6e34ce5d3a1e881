package dev.softclass.body;

import dev.softclass.data.FeatureMatrix;

/**
 * The identity body: the head reads the features themselves, so a linear body with a {@link
 * dev.softclass.head.SoftmaxHead} is multinomial logistic regression and with a {@link
 * dev.softclass.head.SigmoidHead} binary logistic regression.
 */
public record LinearBody() implements Body {
  @Override
  public String name() {
    return "linear";
  }

  @Override
  public int outputDim(int inputDim) {
    return inputDim;
  }

  /** The rows themselves (dense or sparse). */
  @Override
  public FeatureMatrix forward(FeatureMatrix x) {
    return x;
  }
}
