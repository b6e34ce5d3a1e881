package dev.softclass.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.calibrate.LabelDecision;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code label_decision} section of a multi-label model's {@code model.json} (format version
 * 2):
 *
 * <pre>
 * "label_decision": {"threshold": 0.5, "per_label": [0.31, 0.62, ...], "top_k": 0,
 *                    "at_least_one": false, "criterion": "f1"}
 * </pre>
 *
 * {@code per_label} is {@code null} when every label uses the global threshold.
 */
public final class LabelDecisionJson {
  private LabelDecisionJson() {}

  /** The section as an ordered map, ready for JSON. */
  public static Map<String, Object> write(LabelDecision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("threshold", d.threshold());
    m.put("per_label", d.perLabel());
    m.put("top_k", d.topK());
    m.put("at_least_one", d.atLeastOne());
    m.put("criterion", d.criterion());
    return m;
  }

  static LabelDecision read(String file, JsonNode node) {
    JsonNode threshold = node.get("threshold");
    JsonNode perLabel = node.get("per_label");
    JsonNode topK = node.get("top_k");
    JsonNode atLeastOne = node.get("at_least_one");
    if (threshold == null
        || !threshold.isNumber()
        || (perLabel != null && !perLabel.isNull() && !perLabel.isArray())
        || topK == null
        || !topK.canConvertToInt()
        || atLeastOne == null
        || !atLeastOne.isBoolean()) {
      throw new ModelFileException(
          file,
          "model.json's label_decision needs a number 'threshold', an integer 'top_k', a boolean"
              + " 'at_least_one' and a list or null 'per_label'");
    }
    double[] values = null;
    if (perLabel != null && perLabel.isArray()) {
      values = new double[perLabel.size()];
      for (int k = 0; k < values.length; k++) {
        if (!perLabel.get(k).isNumber()) {
          throw new ModelFileException(
              file, "model.json's label_decision has a non-number in 'per_label'");
        }
        values[k] = perLabel.get(k).doubleValue();
      }
    }
    try {
      return new LabelDecision(
          threshold.doubleValue(),
          values,
          topK.intValue(),
          atLeastOne.booleanValue(),
          node.path("criterion").asText(""));
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(
          file, "model.json has a bad label_decision: " + e.getMessage(), e);
    }
  }
}
