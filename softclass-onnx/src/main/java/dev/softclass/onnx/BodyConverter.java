package dev.softclass.onnx;

import dev.softclass.body.Body;

/**
 * Converts one kind of {@link Body} into ONNX nodes.
 *
 * @param <B> the body class it converts
 */
@FunctionalInterface
public interface BodyConverter<B extends Body> {
  /**
   * Adds the body's nodes.
   *
   * @param input a float32 tensor {@code [N, d]} of preprocessed features
   * @return a float32 tensor {@code [N, h]}: the vector the output layer reads (in float32, as
   *     Softclass's bodies compute it; the exporter widens it to float64 for the output layer)
   */
  String convert(OnnxGraph graph, B body, String input);
}
