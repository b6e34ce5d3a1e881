package dev.softclass.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.preprocess.ColumnEncoder;
import dev.softclass.preprocess.EncodedColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code preprocessing.columns} list of {@code model.json} (format version 3): one entry per
 * raw input column, in input order, saying what the {@link ColumnEncoder} makes of it:
 *
 * <pre>
 * {"name": "age", "type": "numeric", "indicator": true, "missing": 3}
 * {"name": "colour", "type": "categorical", "categories": ["blue", "red"], "fill": "blue",
 *  "indicator": false, "missing": 0}
 * {"name": "id", "type": "dropped", "missing": 0}
 * </pre>
 *
 * Absent for models whose columns all pass through as numbers (and for every older model).
 */
final class ColumnsJson {
  private ColumnsJson() {}

  static List<Map<String, Object>> write(ColumnEncoder encoder) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (EncodedColumn c : encoder.columns()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", c.name());
      m.put("type", c.kind().id());
      if (c.kind() == EncodedColumn.Kind.CATEGORICAL) {
        m.put("categories", c.categories());
        m.put("fill", c.fillCategory());
      }
      if (c.kind() != EncodedColumn.Kind.DROPPED) {
        m.put("indicator", c.indicator());
      }
      m.put("missing", c.missing());
      out.add(m);
    }
    return out;
  }

  static ColumnEncoder read(String file, JsonNode node, List<String> featureNames) {
    if (!node.isArray() || node.size() != featureNames.size()) {
      throw new ModelFileException(
          file,
          "model.json: preprocessing.columns must list the "
              + featureNames.size()
              + " features, one object each");
    }
    List<EncodedColumn> columns = new ArrayList<>();
    for (int c = 0; c < node.size(); c++) {
      JsonNode n = node.get(c);
      String name = n.path("name").asText();
      if (!name.equals(featureNames.get(c))) {
        throw new ModelFileException(
            file,
            "model.json: preprocessing.columns["
                + c
                + "] is '"
                + name
                + "' but feature "
                + c
                + " is '"
                + featureNames.get(c)
                + "'");
      }
      EncodedColumn.Kind kind;
      try {
        kind = EncodedColumn.Kind.valueOf(n.path("type").asText().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(
            file, "model.json: column '" + name + "' has an unknown type '" + n.path("type") + "'");
      }
      List<String> categories = new ArrayList<>();
      n.path("categories").forEach(k -> categories.add(k.asText()));
      JsonNode fill = n.get("fill");
      try {
        columns.add(
            new EncodedColumn(
                name,
                kind,
                categories,
                fill == null || fill.isNull() ? null : fill.asText(),
                n.path("indicator").asBoolean(false),
                n.path("missing").asLong(0)));
      } catch (IllegalArgumentException e) {
        throw new ModelFileException(file, "model.json: " + e.getMessage());
      }
    }
    try {
      return new ColumnEncoder(columns);
    } catch (IllegalArgumentException e) {
      throw new ModelFileException(file, "model.json: " + e.getMessage());
    }
  }
}
