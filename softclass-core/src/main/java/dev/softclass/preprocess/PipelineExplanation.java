package dev.softclass.preprocess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a fitted pipeline does to each raw column, in words (for {@code train --explain}) and as
 * maps (for {@code --json}): imputed with what, scaled how, one-hot into how many inputs, or
 * dropped as constant.
 */
public final class PipelineExplanation {
  private PipelineExplanation() {}

  /**
   * One map per raw column: {@code column}, {@code type}, {@code missing} (training cells), and as
   * they apply {@code imputed_with}, {@code scaled}, {@code center}, {@code scale}, {@code
   * one_hot_columns}, {@code categories}, {@code missing_indicator}, {@code dropped}.
   *
   * @param imputation the strategy that was fitted (the model does not record it, only the values)
   */
  public static List<Map<String, Object>> describe(
      ColumnEncoder columns, FeatureTransform transform, ImputeStrategy imputation) {
    List<Map<String, Object>> out = new ArrayList<>();
    float[] fill = transform.fill();
    float[] center = transform.center();
    float[] scale = transform.scale();
    for (int c = 0; c < columns.inputDim(); c++) {
      EncodedColumn col = columns.columns().get(c);
      int at = columns.outputStart(c);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("column", col.name());
      m.put("type", col.kind().id());
      m.put("missing", col.missing());
      switch (col.kind()) {
        case NUMERIC -> {
          if (col.missing() > 0 || imputation == ImputeStrategy.CONSTANT) {
            m.put("imputed_with", imputation.id() + " " + number(fill[at]));
          }
          m.put("scaled", transform.mode().id());
          m.put("center", center[at]);
          m.put("scale", scale[at]);
        }
        case CATEGORICAL -> {
          m.put("one_hot_columns", col.categories().size());
          m.put("categories", col.categories());
          m.put(
              "imputed_with",
              (imputation == ImputeStrategy.CONSTANT ? "constant" : "most_frequent")
                  + " '"
                  + col.fillCategory()
                  + "'");
          m.put("unknown_category", "all zeros");
        }
        case DROPPED -> m.put("dropped", "constant in the training data");
      }
      if (col.indicator()) {
        m.put("missing_indicator", col.name() + "_missing");
      }
      out.add(m);
    }
    return out;
  }

  /** One line per raw column, names padded to a column. */
  public static List<String> lines(
      ColumnEncoder columns, FeatureTransform transform, ImputeStrategy imputation) {
    List<Map<String, Object>> described = describe(columns, transform, imputation);
    int width = 0;
    for (Map<String, Object> m : described) {
      width = Math.max(width, m.get("column").toString().length());
    }
    List<String> out = new ArrayList<>();
    out.add(
        String.format(
            Locale.ROOT,
            "pipeline: %d raw columns -> %d model inputs",
            columns.inputDim(),
            columns.outputDim()));
    for (Map<String, Object> m : described) {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "  %-" + width + "s  ", m.get("column")));
      long missing = (Long) m.get("missing");
      switch (m.get("type").toString()) {
        case "numeric" -> {
          b.append("numeric");
          appendImputed(b, m, missing);
          b.append("; scaled ").append(scaling(m));
        }
        case "categorical" -> {
          b.append("categorical; one-hot into ")
              .append(m.get("one_hot_columns"))
              .append(" columns ")
              .append(categories(m))
              .append(", unknown categories -> all zeros");
          appendImputed(b, m, missing);
        }
        default -> b.append("dropped as ").append(m.get("dropped"));
      }
      if (m.containsKey("missing_indicator")) {
        b.append("; + missing indicator ").append(m.get("missing_indicator"));
      }
      out.add(b.toString());
    }
    return out;
  }

  private static void appendImputed(StringBuilder b, Map<String, Object> m, long missing) {
    if (m.containsKey("imputed_with") && missing > 0) {
      b.append("; ")
          .append(missing)
          .append(" missing, imputed with ")
          .append(m.get("imputed_with"));
    }
  }

  private static String scaling(Map<String, Object> m) {
    float center = (Float) m.get("center");
    float scale = (Float) m.get("scale");
    String mode = m.get("scaled").toString();
    if (center == 0f && scale == 1f) {
      return mode.equals("none") ? "no" : mode + " (unchanged: constant column)";
    }
    return mode + ": (x - " + number(center) + ") / " + number(scale);
  }

  @SuppressWarnings("unchecked")
  private static String categories(Map<String, Object> m) {
    List<String> cats = (List<String>) m.get("categories");
    List<String> shown = cats.subList(0, Math.min(cats.size(), 8));
    return "[" + String.join(", ", shown) + (cats.size() > shown.size() ? ", ..." : "") + "]";
  }

  private static String number(float v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
