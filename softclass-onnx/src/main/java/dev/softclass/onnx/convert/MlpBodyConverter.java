package dev.softclass.onnx.convert;

import static dev.softclass.onnx.OnnxGraph.attr;

import dev.softclass.body.Activation;
import dev.softclass.body.DenseLayer;
import dev.softclass.body.MlpBody;
import dev.softclass.onnx.BodyConverter;
import dev.softclass.onnx.OnnxGraph;
import dev.softclass.onnx.proto.Onnx.TensorProto.DataType;
import java.util.List;

/**
 * {@link MlpBody}: per hidden layer a float32 {@code Gemm} ({@code x W^T + b}, the weights as
 * saved) and the activation, in float32 as Softclass computes them. ReLU and tanh are ONNX
 * operators; GELU (tanh form) is not one before opset 20, so it is spelled out in float64 and
 * rounded to float32, as Softclass does.
 */
public final class MlpBodyConverter implements BodyConverter<MlpBody> {
  private static final double GELU_C = Math.sqrt(2 / Math.PI);

  @Override
  public String convert(OnnxGraph g, MlpBody body, String input) {
    String h = input;
    for (DenseLayer layer : body.layers()) {
      String z =
          g.node(
              "Gemm",
              List.of(
                  h,
                  g.floats("hidden_weights", layer.weights(), layer.outputs(), layer.inputs()),
                  g.floats("hidden_bias", layer.bias(), layer.outputs())),
              attr("transB", 1));
      h = activation(g, body.activation(), z);
    }
    return h;
  }

  private static String activation(OnnxGraph g, Activation a, String z) {
    return switch (a) {
      case RELU -> g.op("Relu", z);
      case TANH -> g.op("Tanh", z);
      case GELU -> gelu(g, z);
    };
  }

  /** {@code 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))} in double. */
  private static String gelu(OnnxGraph g, String z) {
    String x = g.cast(z, DataType.DOUBLE);
    String cube = g.op("Mul", g.op("Mul", x, x), x);
    String inner =
        g.op(
            "Mul",
            g.scalar("gelu_c", GELU_C),
            g.op("Add", x, g.op("Mul", g.scalar("gelu_a", 0.044715), cube)));
    String half = g.op("Mul", g.scalar("half", 0.5), x);
    String y = g.op("Mul", half, g.op("Add", g.scalar("one", 1.0), g.op("Tanh", inner)));
    return g.cast(y, DataType.FLOAT);
  }
}
