package dev.softclass.onnx;

/**
 * Converts one kind of saved preprocessing into ONNX nodes.
 *
 * @param <T> the preprocessing class it converts
 */
@FunctionalInterface
public interface TransformConverter<T> {
  /**
   * Adds the nodes that preprocess the raw features.
   *
   * @param features a float32 tensor {@code [N, d]} of raw features (NaN marks a missing value)
   * @return a float32 tensor {@code [N, d']} of preprocessed features
   */
  String convert(OnnxGraph graph, T transform, String features);
}
