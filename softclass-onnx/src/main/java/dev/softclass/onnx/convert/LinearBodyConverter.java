package dev.softclass.onnx.convert;

import dev.softclass.body.LinearBody;
import dev.softclass.onnx.BodyConverter;
import dev.softclass.onnx.OnnxGraph;

/** {@link LinearBody} is the identity: the output layer reads the preprocessed features. */
public final class LinearBodyConverter implements BodyConverter<LinearBody> {
  @Override
  public String convert(OnnxGraph g, LinearBody body, String input) {
    return input;
  }
}
