package dev.softclass.onnx.convert;

import static dev.softclass.onnx.OnnxGraph.attr;

import dev.softclass.onnx.OnnxExporter;
import dev.softclass.onnx.OnnxGraph;
import dev.softclass.onnx.TransformConverter;
import dev.softclass.onnx.proto.Onnx.TensorProto.DataType;
import dev.softclass.preprocess.ColumnEncoder;
import dev.softclass.preprocess.EncodedColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ColumnEncoder}, the first preprocessing step. An encoder that passes every column through
 * (all numeric, nothing added or dropped) adds no node. Otherwise the model inputs are assembled
 * column by column and concatenated:
 *
 * <ul>
 *   <li>a numeric column is its column of the float input (runs of them one {@code Slice});
 *   <li>a categorical column reads its strings from the second graph input {@value
 *       OnnxExporter#CATEGORIES} (string {@code [N, C]}, one column per categorical column in
 *       feature order): an {@code ai.onnx.ml LabelEncoder} maps each training category to its
 *       index, the empty string (a missing category) to the fill category's, and anything else to
 *       -1, which {@code Equal} against {@code 0..K-1} turns into one-hot inputs: <b>an unknown
 *       category sets none of them</b> (all zeros), as Softclass and scikit-learn's {@code
 *       handle_unknown='ignore'} do. The category text is the one of the training file; a number in
 *       a categorical column is written as Softclass keys it ({@code 2} for 2.0, else Java's
 *       shortest float text);
 *   <li>a dropped column adds nothing;
 *   <li>a missing-value indicator is {@code IsNaN} of the numeric value, or the category being the
 *       empty string.
 * </ul>
 */
public final class ColumnEncoderConverter implements TransformConverter<ColumnEncoder> {
  private static final long MISSING = -2;
  private static final long UNKNOWN = -1;

  /** The names of the categorical columns, in feature order: the columns of the string input. */
  public static List<String> categoricalColumns(ColumnEncoder columns) {
    List<String> names = new ArrayList<>();
    for (EncodedColumn c : columns.columns()) {
      if (c.kind() == EncodedColumn.Kind.CATEGORICAL) {
        names.add(c.name());
      }
    }
    return names;
  }

  @Override
  public String convert(OnnxGraph g, ColumnEncoder columns, String features) {
    if (columns.isIdentity()) {
      return features;
    }
    List<String> categorical = categoricalColumns(columns);
    String categories =
        categorical.isEmpty()
            ? null
            : g.input(OnnxExporter.CATEGORIES, DataType.STRING, "N", categorical.size());
    List<String> parts = new ArrayList<>();
    int runStart = -1;
    int categoryColumn = 0;
    List<EncodedColumn> cols = columns.columns();
    for (int c = 0; c < cols.size(); c++) {
      EncodedColumn col = cols.get(c);
      boolean plainNumeric = col.kind() == EncodedColumn.Kind.NUMERIC;
      if (plainNumeric && runStart < 0) {
        runStart = c;
      }
      if (!plainNumeric && runStart >= 0) {
        parts.add(g.columns(features, runStart, c));
        runStart = -1;
      }
      switch (col.kind()) {
        case NUMERIC -> {
          if (col.indicator()) {
            parts.add(g.columns(features, runStart, c + 1));
            runStart = -1;
            parts.add(g.cast(g.op("IsNaN", g.columns(features, c, c + 1)), DataType.FLOAT));
          }
        }
        case CATEGORICAL -> {
          String text = g.columns(categories, categoryColumn, categoryColumn + 1);
          categoryColumn++;
          oneHot(g, col, text, parts);
        }
        case DROPPED -> {}
      }
    }
    if (runStart >= 0) {
      parts.add(g.columns(features, runStart, cols.size()));
    }
    return parts.size() == 1 ? parts.get(0) : g.node("Concat", parts, attr("axis", 1));
  }

  /** Adds the column's one-hot inputs (and its indicator) for a string {@code [N, 1]} tensor. */
  private static void oneHot(OnnxGraph g, EncodedColumn col, String text, List<String> parts) {
    List<String> keys = new ArrayList<>(col.categories());
    int k = keys.size();
    long[] values = new long[k + 1];
    for (int i = 0; i < k; i++) {
      values[i] = i;
    }
    keys.add("");
    values[k] = MISSING;
    String index =
        g.mlNode(
            "LabelEncoder",
            List.of(text),
            attr("keys_strings", keys),
            attr("values_int64s", values),
            attr("default_int64", UNKNOWN));
    String missing = g.op("Equal", index, g.longs("missing_category", new long[] {MISSING}));
    long fill = col.categories().indexOf(col.fillCategory());
    String filled =
        g.op(
            "Where",
            missing,
            g.longs("fill_category", new long[] {fill < 0 ? UNKNOWN : fill}),
            index);
    long[] range = new long[k];
    for (int i = 0; i < k; i++) {
      range[i] = i;
    }
    parts.add(
        g.cast(g.op("Equal", filled, g.longs("category_index", range, 1, k)), DataType.FLOAT));
    if (col.indicator()) {
      parts.add(g.cast(missing, DataType.FLOAT));
    }
  }
}
