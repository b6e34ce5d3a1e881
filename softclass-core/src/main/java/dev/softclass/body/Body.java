package dev.softclass.body;

/**
 * Turns an example's (preprocessed) features into the vector a head reads. Immutable and
 * thread-safe.
 */
public sealed interface Body permits LinearBody, EmbeddingBagBody {
  /** The body's name as written in model files. */
  String name();

  /** Width of the output for an input of {@code inputDim} features. */
  int outputDim(int inputDim);
}
