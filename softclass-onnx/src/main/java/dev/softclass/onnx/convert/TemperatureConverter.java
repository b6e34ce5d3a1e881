package dev.softclass.onnx.convert;

import dev.softclass.calibrate.TemperatureScaling;
import dev.softclass.onnx.CalibratorConverter;
import dev.softclass.onnx.OnnxGraph;

/** {@link TemperatureScaling}: the head's probabilities of {@code logits / T}. */
public final class TemperatureConverter implements CalibratorConverter<TemperatureScaling> {
  @Override
  public String probabilities(OnnxGraph g, TemperatureScaling t, BoundHead head, String logits) {
    return head.probabilities(g, g.op("Div", logits, g.scalar("temperature", t.temperature())));
  }
}
