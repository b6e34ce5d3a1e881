package dev.softclass.preprocess;

import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.TextColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first step of the preprocessing pipeline: raw columns (numbers, and strings for categorical
 * columns) to the model's numeric inputs, column by column as {@link EncodedColumn}s say. A numeric
 * column passes through (a missing value stays NaN for the {@link FeatureTransform} to fill), a
 * categorical one becomes one 0/1 input per training category, a dropped one disappears, and a
 * missing indicator adds a 0/1 input after its column's.
 *
 * <p><b>Unknown categories</b> at prediction (not seen in training) give all zeros in the column's
 * one-hot inputs, as scikit-learn's {@code OneHotEncoder(handle_unknown='ignore')}; a missing
 * category takes the column's fill category. Immutable and thread-safe.
 */
public final class ColumnEncoder {
  private final List<EncodedColumn> columns;
  private final int[] starts;
  private final int outputDim;
  private final List<Map<String, Integer>> categoryIndex;
  private final boolean identity;

  /**
   * @param columns one per raw input column, in input order
   */
  public ColumnEncoder(List<EncodedColumn> columns) {
    this.columns = List.copyOf(columns);
    starts = new int[columns.size()];
    categoryIndex = new ArrayList<>(columns.size());
    int at = 0;
    boolean plain = true;
    for (int c = 0; c < columns.size(); c++) {
      EncodedColumn col = columns.get(c);
      starts[c] = at;
      at += col.width();
      plain &= col.kind() == EncodedColumn.Kind.NUMERIC && !col.indicator();
      Map<String, Integer> index = new HashMap<>();
      for (int k = 0; k < col.categories().size(); k++) {
        if (index.putIfAbsent(col.categories().get(k), k) != null) {
          throw new IllegalArgumentException(
              "column '" + col.name() + "' lists category '" + col.categories().get(k) + "' twice");
        }
      }
      categoryIndex.add(index);
    }
    outputDim = at;
    identity = plain;
  }

  /** Every column numeric, nothing added or dropped: what old models and sparse data use. */
  public static ColumnEncoder identity(List<String> names) {
    return new ColumnEncoder(names.stream().map(EncodedColumn::numeric).toList());
  }

  /** Whether this encoder passes every column through unchanged. */
  public boolean isIdentity() {
    return identity;
  }

  /** The columns, one per raw input. */
  public List<EncodedColumn> columns() {
    return columns;
  }

  /** Number of raw input columns. */
  public int inputDim() {
    return columns.size();
  }

  /** Number of model inputs produced. */
  public int outputDim() {
    return outputDim;
  }

  /**
   * The first model input of raw column {@code c} (its width is {@code columns().get(c).width()}).
   */
  public int outputStart(int c) {
    return starts[c];
  }

  /** Names of the model inputs: {@code col}, {@code col=category}, {@code col_missing}. */
  public List<String> outputNames() {
    List<String> names = new ArrayList<>(outputDim);
    for (EncodedColumn col : columns) {
      switch (col.kind()) {
        case NUMERIC -> names.add(col.name());
        case CATEGORICAL -> col.categories().forEach(k -> names.add(col.name() + "=" + k));
        case DROPPED -> {}
      }
      if (col.indicator()) {
        names.add(col.name() + "_missing");
      }
    }
    return names;
  }

  /** Per model input, whether it is a 0/1 column made here (one-hot or indicator), not scaled. */
  public boolean[] zeroOneOutputs() {
    boolean[] out = new boolean[outputDim];
    for (int c = 0; c < columns.size(); c++) {
      EncodedColumn col = columns.get(c);
      int from = col.kind() == EncodedColumn.Kind.NUMERIC ? starts[c] + 1 : starts[c];
      for (int j = from; j < starts[c] + col.width(); j++) {
        out[j] = true;
      }
    }
    return out;
  }

  /** Whether raw column {@code c} is categorical. */
  public boolean isCategorical(int c) {
    return columns.get(c).kind() == EncodedColumn.Kind.CATEGORICAL;
  }

  /**
   * Encodes one raw row into {@code out[outOff ..]}: {@code raw} holds the numbers (NaN for
   * missing), {@code text} (or null) the strings of categorical columns (null for missing or for a
   * number given in {@code raw}).
   *
   * @throws SoftclassException if a numeric column is given a string
   */
  public void encode(float[] raw, String[] text, float[] out, int outOff) {
    for (int c = 0; c < columns.size(); c++) {
      String s = text == null ? null : text[c];
      if (s != null && !isCategorical(c) && columns.get(c).kind() != EncodedColumn.Kind.DROPPED) {
        throw new SoftclassException(
            "feature '"
                + columns.get(c).name()
                + "' is numeric in this model, but the value is the string '"
                + s
                + "'");
      }
      encodeColumn(c, raw[c], s, out, outOff + starts[c]);
    }
  }

  private void encodeColumn(int c, float v, String s, float[] out, int at) {
    EncodedColumn col = columns.get(c);
    boolean missing = s == null && Float.isNaN(v);
    switch (col.kind()) {
      case NUMERIC -> out[at++] = v;
      case CATEGORICAL -> {
        String key = missing ? col.fillCategory() : s != null ? s : TextColumns.key(v);
        Integer k = categoryIndex.get(c).get(key);
        for (int j = 0; j < col.categories().size(); j++) {
          out[at + j] = 0f;
        }
        if (k != null) {
          out[at + k] = 1f; // unknown categories: all zeros
        }
        at += col.categories().size();
      }
      case DROPPED -> {}
    }
    if (col.indicator()) {
      out[at] = missing ? 1f : 0f;
    }
  }

  /**
   * Encodes every row of {@code data}, whose columns are this encoder's inputs in order.
   *
   * @throws SoftclassException naming the row and column of a string in a numeric column
   */
  public DenseMatrix apply(Dataset data) {
    if (data.numFeatures() != columns.size()) {
      throw new IllegalArgumentException(
          data.numFeatures() + " columns, the encoder has " + columns.size());
    }
    TextColumns text = data.text();
    for (int c : text.indices()) {
      EncodedColumn col = columns.get(c);
      if (col.kind() == EncodedColumn.Kind.NUMERIC) {
        String[] keys = text.column(c);
        for (int r = 0; r < keys.length; r++) {
          if (keys[r] != null && Float.isNaN(parseKey(keys[r]))) {
            throw new SoftclassException(
                data.describeRow(r)
                    + ", column '"
                    + col.name()
                    + "': expected a number or an empty cell, found '"
                    + keys[r]
                    + "' (the model was trained with '"
                    + col.name()
                    + "' as a numeric column)");
          }
        }
      }
    }
    int n = data.size();
    float[] out = new float[n * outputDim];
    String[] rowText = new String[columns.size()];
    int[] textCols = text.indices();
    for (int r = 0; r < n; r++) {
      float[] raw = data.features().denseRow(r);
      for (int c : textCols) {
        String key = text.column(c)[r];
        if (isCategorical(c)) {
          rowText[c] = key;
        } else if (key != null) {
          raw[c] = parseKey(key); // a number in a column that also holds strings
        }
      }
      encodeRowUnchecked(raw, rowText, out, r * outputDim);
    }
    return new DenseMatrix(out, n, outputDim);
  }

  private void encodeRowUnchecked(float[] raw, String[] text, float[] out, int outOff) {
    for (int c = 0; c < columns.size(); c++) {
      encodeColumn(c, raw[c], isCategorical(c) ? text[c] : null, out, outOff + starts[c]);
    }
  }

  /** A text key that is a number (see {@link TextColumns#key(float)}), or NaN. */
  private static float parseKey(String key) {
    try {
      float v = Float.parseFloat(key);
      return Float.isFinite(v) && !key.isEmpty() && Character.isDigit(key.charAt(key.length() - 1))
          ? v
          : Float.NaN;
    } catch (NumberFormatException e) {
      return Float.NaN;
    }
  }
}
