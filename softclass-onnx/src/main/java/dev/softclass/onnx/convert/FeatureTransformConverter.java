package dev.softclass.onnx.convert;

import dev.softclass.onnx.OnnxGraph;
import dev.softclass.onnx.TransformConverter;
import dev.softclass.preprocess.FeatureTransform;

/**
 * {@link FeatureTransform}: a missing (NaN) value becomes the training mean ({@code Where} on
 * {@code IsNaN}), then {@code (v - center) / scale} in float32, exactly the operations Softclass
 * runs, so the preprocessed features are bit-identical. A subtraction of zeros or a division by
 * ones is left out (it changes nothing).
 */
public final class FeatureTransformConverter implements TransformConverter<FeatureTransform> {
  @Override
  public String convert(OnnxGraph g, FeatureTransform t, String features) {
    long d = t.dim();
    String x = g.op("Where", g.op("IsNaN", features), g.floats("fill", t.fill(), d), features);
    float[] center = t.center();
    if (!allEqual(center, 0f)) {
      x = g.op("Sub", x, g.floats("center", center, d));
    }
    float[] scale = t.scale();
    if (!allEqual(scale, 1f)) {
      x = g.op("Div", x, g.floats("scale", scale, d));
    }
    return x;
  }

  private static boolean allEqual(float[] values, float v) {
    for (float f : values) {
      if (f != v) {
        return false;
      }
    }
    return true;
  }
}
