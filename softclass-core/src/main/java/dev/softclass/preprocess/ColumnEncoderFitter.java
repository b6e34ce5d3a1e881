package dev.softclass.preprocess;

import dev.softclass.SoftclassException;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.data.TextColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Fits a {@link ColumnEncoder} on training data: which columns are categorical (every column that
 * holds a string, and those named), their sorted categories and fill category, which columns get a
 * missing indicator, and which are dropped as constant. Sparse data (LIBSVM) has no categories or
 * missing cells: it always gets the identity encoder.
 */
public final class ColumnEncoderFitter {
  /** An auto-detected categorical column with at least this share of numbers is suspicious. */
  private static final double MOSTLY_NUMBERS = 0.9;

  private ColumnEncoderFitter() {}

  /**
   * Fits the encoder.
   *
   * @param warnings receives a warning for each suspicious choice (a column of numbers with a few
   *     strings made categorical)
   * @throws SoftclassException if a named categorical column does not exist, or asked-for steps
   *     need dense data
   */
  public static ColumnEncoder fit(
      Dataset train, PreprocessSettings settings, Consumer<String> warnings) {
    List<String> names = train.featureNames();
    Set<String> named = new HashSet<>(settings.categorical());
    for (String c : settings.categorical()) {
      if (!names.contains(c)) {
        throw new SoftclassException(
            "--categorical names column '"
                + c
                + "', which the data does not have; its columns: "
                + String.join(", ", names.subList(0, Math.min(names.size(), 20)))
                + (names.size() > 20 ? " ..." : ""));
      }
    }
    FeatureMatrix x = train.features();
    if (x instanceof CsrMatrix) {
      if (!named.isEmpty()) {
        throw new SoftclassException(
            "--categorical needs CSV data: sparse (LIBSVM) features are numbers only");
      }
      return ColumnEncoder.identity(names);
    }
    TextColumns text = train.text();
    List<EncodedColumn> columns = new ArrayList<>(names.size());
    for (int c = 0; c < names.size(); c++) {
      boolean categorical = text.has(c) || named.contains(names.get(c));
      if (text.has(c) && !named.contains(names.get(c))) {
        warnIfMostlyNumbers(train, c, warnings);
      }
      columns.add(categorical ? categorical(train, c, settings) : numeric(train, c, settings));
    }
    return new ColumnEncoder(columns);
  }

  private static EncodedColumn numeric(Dataset train, int c, PreprocessSettings settings) {
    DenseMatrix x = (DenseMatrix) train.features();
    long missing = 0;
    boolean constant = true;
    float first = Float.NaN;
    for (int r = 0; r < x.rows(); r++) {
      float v = x.get(r, c);
      if (Float.isNaN(v)) {
        missing++;
      } else if (Float.isNaN(first)) {
        first = v;
      } else if (v != first) {
        constant = false;
      }
    }
    String name = train.featureNames().get(c);
    boolean indicator = settings.missingIndicator() && missing > 0 && missing < x.rows();
    if (settings.dropConstant() && constant && !indicator) {
      return new EncodedColumn(name, EncodedColumn.Kind.DROPPED, List.of(), null, false, missing);
    }
    return new EncodedColumn(name, EncodedColumn.Kind.NUMERIC, List.of(), null, indicator, missing);
  }

  private static EncodedColumn categorical(Dataset train, int c, PreprocessSettings settings) {
    String[] keys = keysOf(train, c);
    Map<String, Integer> counts = new TreeMap<>();
    long missing = 0;
    for (String k : keys) {
      if (k == null) {
        missing++;
      } else {
        counts.merge(k, 1, Integer::sum);
      }
    }
    String name = train.featureNames().get(c);
    boolean constantFill = settings.imputation().strategy() == ImputeStrategy.CONSTANT;
    String fill;
    if (constantFill) {
      fill = settings.imputation().category();
      if (missing > 0) {
        counts.merge(fill, 0, Integer::sum); // the fill is a category of its own
      }
    } else {
      fill = mostFrequent(counts);
    }
    boolean indicator = settings.missingIndicator() && missing > 0 && missing < keys.length;
    if (counts.isEmpty() || (settings.dropConstant() && counts.size() <= 1 && !indicator)) {
      return new EncodedColumn(name, EncodedColumn.Kind.DROPPED, List.of(), null, false, missing);
    }
    return new EncodedColumn(
        name,
        EncodedColumn.Kind.CATEGORICAL,
        new ArrayList<>(counts.keySet()),
        fill,
        indicator,
        missing);
  }

  /** The key of every row of column {@code c}: its text, or the number's key, or null. */
  static String[] keysOf(Dataset data, int c) {
    if (data.text().has(c)) {
      return data.text().column(c);
    }
    DenseMatrix x = (DenseMatrix) data.features();
    String[] keys = new String[x.rows()];
    for (int r = 0; r < keys.length; r++) {
      float v = x.get(r, c);
      keys[r] = Float.isNaN(v) ? null : TextColumns.key(v);
    }
    return keys;
  }

  /** The most frequent key, the smallest on a tie (as scikit-learn's most_frequent). */
  private static String mostFrequent(Map<String, Integer> sortedCounts) {
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : sortedCounts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  private static void warnIfMostlyNumbers(Dataset train, int c, Consumer<String> warnings) {
    String[] keys = train.text().column(c);
    long numbers = 0;
    long present = 0;
    Map<String, Long> nonNumbers = new HashMap<>();
    for (String k : keys) {
      if (k != null) {
        present++;
        if (isNumberKey(k)) {
          numbers++;
        } else {
          nonNumbers.merge(k, 1L, Long::sum);
        }
      }
    }
    if (present > 0 && numbers >= MOSTLY_NUMBERS * present) {
      String example = nonNumbers.keySet().stream().sorted().findFirst().orElse("");
      long line = train.text().firstTextLine(c);
      warnings.accept(
          String.format(
              java.util.Locale.ROOT,
              "column '%s' holds %d numbers and %d other values (such as '%s'%s): it is treated"
                  + " as categorical, one input per distinct value. If it is numeric, fix those"
                  + " cells or leave them empty (missing).",
              train.featureNames().get(c),
              numbers,
              present - numbers,
              example,
              line > 0 ? ", first on line " + line : ""));
    }
  }

  private static boolean isNumberKey(String k) {
    char last = k.charAt(k.length() - 1);
    if (!Character.isDigit(last)) {
      return false;
    }
    try {
      Float.parseFloat(k);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
