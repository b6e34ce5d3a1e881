package dev.softclass.body;

import dev.softclass.data.FeatureMatrix;

/**
 * Turns an example's (preprocessed) features into the vector a head reads. Immutable and
 * thread-safe.
 */
public sealed interface Body permits LinearBody, MlpBody, EmbeddingBagBody {
  /** The body's name as written in model files. */
  String name();

  /** Width of the output for an input of {@code inputDim} features. */
  int outputDim(int inputDim);

  /**
   * The body's output for a batch of preprocessed rows: {@code x.rows()} rows of {@link #outputDim}
   * values each, the rows the head's output layer reads.
   */
  FeatureMatrix forward(FeatureMatrix x);
}
