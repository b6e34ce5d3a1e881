package dev.softclass.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.SoftclassException;
import dev.softclass.body.Activation;
import dev.softclass.body.Body;
import dev.softclass.body.DenseLayer;
import dev.softclass.body.LinearBody;
import dev.softclass.body.MlpBody;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each body is described in {@code model.json} (its {@code body} section) and which arrays of
 * {@code weights.bin} hold its parameters. An MLP writes {@code {"type": "mlp", "hidden": [256,
 * 128], "activation": "relu"}} and the arrays {@code body.layer1.weights} ({@code units x inputs})
 * and {@code body.layer1.bias}, numbered from 1.
 */
final class BodyCodec {
  private BodyCodec() {}

  static Map<String, Object> describe(Body body) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", body.name());
    if (body instanceof MlpBody mlp) {
      m.put("hidden", Arrays.stream(mlp.hidden()).boxed().toList());
      m.put("activation", mlp.activation().id());
    }
    return m;
  }

  static List<NamedArray> arrays(Body body) {
    List<NamedArray> arrays = new ArrayList<>();
    if (body instanceof MlpBody mlp) {
      int i = 1;
      for (DenseLayer layer : mlp.layers()) {
        arrays.add(
            new NamedArray(
                prefix(i) + "weights",
                new int[] {layer.outputs(), layer.inputs()},
                layer.weights()));
        arrays.add(new NamedArray(prefix(i) + "bias", new int[] {layer.outputs()}, layer.bias()));
        i++;
      }
    }
    return arrays;
  }

  /**
   * The body described by {@code node}, reading {@code d} features.
   *
   * @throws ModelFileException naming what is missing or malformed
   */
  static Body read(String file, JsonNode node, Map<String, NamedArray> arrays, int d) {
    JsonNode type = node.get("type");
    if (type == null || !type.isTextual()) {
      throw new ModelFileException(file, "model.json lacks the text field 'type' of the body");
    }
    switch (type.asText()) {
      case "linear":
        return new LinearBody();
      case "mlp":
        return mlp(file, node, arrays, d);
      default:
        throw new ModelFileException(file, "unknown body type '" + type.asText() + "'");
    }
  }

  private static MlpBody mlp(String file, JsonNode node, Map<String, NamedArray> arrays, int d) {
    JsonNode hidden = node.get("hidden");
    if (hidden == null || !hidden.isArray() || hidden.isEmpty()) {
      throw new ModelFileException(
          file, "the mlp body in model.json needs 'hidden', a non-empty list of layer widths");
    }
    Activation activation;
    try {
      activation = Activation.parse(node.path("activation").asText(""));
    } catch (SoftclassException e) {
      throw new ModelFileException(file, "model.json body: " + e.getMessage());
    }
    List<DenseLayer> layers = new ArrayList<>();
    int inputs = d;
    for (int i = 1; i <= hidden.size(); i++) {
      JsonNode w = hidden.get(i - 1);
      if (!w.canConvertToInt() || w.asInt() < 1) {
        throw new ModelFileException(
            file, "model.json body: hidden layer " + i + " has width " + w + ", expected >= 1");
      }
      int units = w.asInt();
      float[] weights =
          NamedArray.require(file, arrays, prefix(i) + "weights", units, inputs).values();
      float[] bias = NamedArray.require(file, arrays, prefix(i) + "bias", units).values();
      layers.add(new DenseLayer(units, inputs, weights, bias));
      inputs = units;
    }
    return new MlpBody(d, activation, layers);
  }

  private static String prefix(int layer) {
    return "body.layer" + layer + ".";
  }
}
