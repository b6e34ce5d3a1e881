package dev.softclass.onnx.convert;

import dev.softclass.onnx.OnnxGraph;
import dev.softclass.onnx.TransformConverter;
import dev.softclass.onnx.UnsupportedModelException;
import dev.softclass.preprocess.ColumnEncoder;
import dev.softclass.preprocess.EncodedColumn;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ColumnEncoder}, the first preprocessing step: an encoder that passes every column through
 * (all numeric, nothing added or dropped: every model without categorical columns) adds no node.
 * One-hot categories, dropped columns and missing-value indicators are not exported yet; such a
 * model is refused with the columns named.
 */
public final class ColumnEncoderConverter implements TransformConverter<ColumnEncoder> {
  @Override
  public String convert(OnnxGraph g, ColumnEncoder columns, String features) {
    if (columns.isIdentity()) {
      return features;
    }
    List<String> steps = new ArrayList<>();
    for (EncodedColumn c : columns.columns()) {
      if (c.kind() != EncodedColumn.Kind.NUMERIC) {
        steps.add(c.kind().id() + " column '" + c.name() + "'");
      }
      if (c.indicator()) {
        steps.add("missing-value indicator of '" + c.name() + "'");
      }
    }
    throw new UnsupportedModelException(
        "preprocessing 'column encoding' cannot be exported to ONNX yet: "
            + String.join(", ", steps.subList(0, Math.min(steps.size(), 5)))
            + (steps.size() > 5 ? " and " + (steps.size() - 5) + " more" : "")
            + "; models whose columns are all numeric (no one-hot, dropped or indicator columns)"
            + " export");
  }
}
