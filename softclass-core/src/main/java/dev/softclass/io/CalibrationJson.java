package dev.softclass.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.SoftclassException;
import dev.softclass.calibrate.CalibrationMethod;
import dev.softclass.calibrate.Calibrator;
import dev.softclass.calibrate.IsotonicCalibration;
import dev.softclass.calibrate.IsotonicRegression;
import dev.softclass.calibrate.PerLabelPlattScaling;
import dev.softclass.calibrate.PlattScaling;
import dev.softclass.calibrate.TemperatureScaling;
import dev.softclass.calibrate.Threshold;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code calibration} and {@code decision} sections of {@code model.json} (format version 2).
 * Parameters are JSON numbers, which hold a double exactly, so a loaded model predicts bit for bit
 * as the saved one:
 *
 * <pre>
 * "calibration": {"method": "temperature", "temperature": 1.7}
 * "calibration": {"method": "platt", "a": 1.1, "b": -0.2}
 * "calibration": {"method": "platt", "per_label": [{"a": 1.1, "b": -0.2}, ...]}
 * "calibration": {"method": "isotonic", "maps": [{"x": [...], "y": [...]}, ...]}
 * "decision": {"threshold": 0.31, "criterion": "f1", "precision": 0.9, "recall": 0.8}
 * </pre>
 *
 * Isotonic maps take log-odds ({@code x}) to probabilities ({@code y}): one map for a binary model
 * (class 1), one per class otherwise. A multi-label model's Platt scaling has one pair per label.
 */
final class CalibrationJson {
  private CalibrationJson() {}

  static Map<String, Object> write(Calibrator c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("method", c.method().id());
    if (c instanceof TemperatureScaling t) {
      m.put("temperature", t.temperature());
    } else if (c instanceof PlattScaling p) {
      m.put("a", p.a());
      m.put("b", p.b());
    } else if (c instanceof PerLabelPlattScaling perLabel) {
      List<Map<String, Object>> pairs = new ArrayList<>();
      for (PlattScaling p : perLabel.labels()) {
        pairs.add(Map.of("a", p.a(), "b", p.b()));
      }
      m.put("per_label", pairs);
    } else {
      List<Map<String, Object>> maps = new ArrayList<>();
      for (IsotonicRegression r : ((IsotonicCalibration) c).maps()) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("x", r.x());
        map.put("y", r.y());
        maps.add(map);
      }
      m.put("maps", maps);
    }
    return m;
  }

  static Map<String, Object> write(Threshold t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", t.value());
    m.put("criterion", t.criterion());
    m.put("precision", Double.isNaN(t.precision()) ? null : t.precision());
    m.put("recall", Double.isNaN(t.recall()) ? null : t.recall());
    return m;
  }

  static Calibrator readCalibrator(String file, JsonNode node) {
    CalibrationMethod method;
    try {
      method = CalibrationMethod.parse(text(file, node, "method"));
    } catch (SoftclassException e) {
      throw new ModelFileException(file, "model.json: " + e.getMessage(), e);
    }
    try {
      return switch (method) {
        case TEMPERATURE -> new TemperatureScaling(number(file, node, "temperature"));
        case PLATT ->
            node.has("per_label")
                ? perLabelPlatt(file, node.get("per_label"))
                : new PlattScaling(number(file, node, "a"), number(file, node, "b"));
        case ISOTONIC -> {
          JsonNode maps = node.get("maps");
          if (maps == null || !maps.isArray() || maps.isEmpty()) {
            throw new ModelFileException(file, "the isotonic calibration has no maps");
          }
          List<IsotonicRegression> out = new ArrayList<>();
          for (JsonNode map : maps) {
            out.add(new IsotonicRegression(numbers(file, map, "x"), numbers(file, map, "y")));
          }
          yield new IsotonicCalibration(out);
        }
      };
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file, "model.json has a bad calibration: " + e.getMessage(), e);
    }
  }

  private static PerLabelPlattScaling perLabelPlatt(String file, JsonNode pairs) {
    if (!pairs.isArray() || pairs.isEmpty()) {
      throw new ModelFileException(file, "the per-label Platt scaling has no labels");
    }
    List<PlattScaling> out = new ArrayList<>();
    for (JsonNode pair : pairs) {
      out.add(new PlattScaling(number(file, pair, "a"), number(file, pair, "b")));
    }
    return new PerLabelPlattScaling(out);
  }

  static Threshold readThreshold(String file, JsonNode node) {
    try {
      return new Threshold(
          number(file, node, "threshold"),
          node.path("criterion").asText(""),
          optional(node, "precision"),
          optional(node, "recall"));
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file, "model.json has a bad decision: " + e.getMessage(), e);
    }
  }

  private static String text(String file, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new ModelFileException(file, "the calibration lacks the text field '" + field + "'");
    }
    return v.asText();
  }

  private static double number(String file, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber()) {
      throw new ModelFileException(file, "model.json lacks the number '" + field + "'");
    }
    return v.doubleValue();
  }

  private static double optional(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isNumber() ? Double.NaN : v.doubleValue();
  }

  private static double[] numbers(String file, JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new ModelFileException(file, "an isotonic map lacks the list '" + field + "'");
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber()) {
        throw new ModelFileException(file, "an isotonic map has a non-number in '" + field + "'");
      }
      out[i] = v.get(i).doubleValue();
    }
    return out;
  }
}
