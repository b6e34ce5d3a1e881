package dev.softclass.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Examples for training or evaluation: a feature matrix, an encoded class index per row (or none,
 * for data to predict), the {@link LabelEncoder} naming the classes, and column names. Immutable.
 *
 * <p>Multi-label data carry a {@link LabelSets} instead (a set of labels per row, indices into the
 * same encoder, which is then the label vocabulary); see {@link #hasLabelSets()}.
 *
 * <p>Build one from arrays with {@link #of(double[][], int[])} or {@link #of(double[][],
 * String[])}, or read a file with {@link DataReaders}.
 */
public final class Dataset {
  private final FeatureMatrix features;
  private final int[] labels;
  private final LabelEncoder encoder;
  private final List<String> featureNames;
  private final String source;
  private final long[] lines;
  private final boolean hasMissing;
  private final LabelSets labelSets;
  private final TextColumns text;

  /**
   * The full constructor; most code uses {@link #of} or a reader instead.
   *
   * @param features the rows
   * @param labels a class index in {@code [0, encoder.size())} per row, or {@code null}
   * @param encoder the class names
   * @param featureNames one name per column, or {@code null} for {@code f1..fd}
   * @param source where the data came from, for messages (may be null)
   * @param lines the 1-based source line of each row, or {@code null}
   * @param hasMissing whether NaN values mean "missing" (empty CSV cells) rather than an error
   */
  public Dataset(
      FeatureMatrix features,
      int[] labels,
      LabelEncoder encoder,
      List<String> featureNames,
      String source,
      long[] lines,
      boolean hasMissing) {
    this(
        features, labels, null, encoder, featureNames, source, lines, hasMissing, TextColumns.NONE);
  }

  /**
   * A constructor with multi-label label sets.
   *
   * @param labelSets the label set of each row (indices into {@code encoder}), or {@code null}
   * @throws IllegalArgumentException if the label sets do not match the rows or the encoder
   * @see #Dataset(FeatureMatrix, int[], LabelEncoder, List, String, long[], boolean)
   */
  public Dataset(
      FeatureMatrix features,
      int[] labels,
      LabelSets labelSets,
      LabelEncoder encoder,
      List<String> featureNames,
      String source,
      long[] lines,
      boolean hasMissing) {
    this(
        features,
        labels,
        labelSets,
        encoder,
        featureNames,
        source,
        lines,
        hasMissing,
        TextColumns.NONE);
  }

  /**
   * A constructor with text (categorical) columns.
   *
   * @param text the columns that hold strings; the feature matrix's values in them are not used
   * @throws IllegalArgumentException if a text column is out of range or has the wrong length
   * @see #Dataset(FeatureMatrix, int[], LabelEncoder, List, String, long[], boolean)
   */
  public Dataset(
      FeatureMatrix features,
      int[] labels,
      LabelEncoder encoder,
      List<String> featureNames,
      String source,
      long[] lines,
      boolean hasMissing,
      TextColumns text) {
    this(features, labels, null, encoder, featureNames, source, lines, hasMissing, text);
  }

  /**
   * The full constructor: label sets for multi-label data and text (categorical) columns.
   *
   * @param labelSets the label set of each row (indices into {@code encoder}), or {@code null}
   * @param text the columns that hold strings; the feature matrix's values in them are not used
   * @throws IllegalArgumentException if the label sets do not match the rows or the encoder, or a
   *     text column is out of range or has the wrong length
   */
  public Dataset(
      FeatureMatrix features,
      int[] labels,
      LabelSets labelSets,
      LabelEncoder encoder,
      List<String> featureNames,
      String source,
      long[] lines,
      boolean hasMissing,
      TextColumns text) {
    this.text = Objects.requireNonNull(text, "text");
    for (int c : text.indices()) {
      if (c >= features.cols() || text.column(c).length != features.rows()) {
        throw new IllegalArgumentException("text column " + c + " does not fit the features");
      }
    }
    this.features = Objects.requireNonNull(features, "features");
    if (labelSets != null
        && (labelSets.rows() != features.rows() || labelSets.numLabels() != encoder.size())) {
      throw new IllegalArgumentException(
          features.rows()
              + " rows and "
              + encoder.size()
              + " labels, but label sets for "
              + labelSets.rows()
              + " rows of "
              + labelSets.numLabels()
              + " labels");
    }
    this.labelSets = labelSets;
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    if (labels != null && labels.length != features.rows()) {
      throw new IllegalArgumentException(
          features.rows() + " rows but " + labels.length + " labels");
    }
    if (labels != null) {
      for (int label : labels) {
        if (label < 0 || label >= encoder.size()) {
          throw new IllegalArgumentException(
              "label index " + label + " outside [0, " + encoder.size() + ")");
        }
      }
    }
    this.labels = labels;
    this.featureNames =
        featureNames == null
            ? defaultNames(features.cols())
            : featureNames instanceof ColumnNumbers ? featureNames : List.copyOf(featureNames);
    if (this.featureNames.size() != features.cols()) {
      throw new IllegalArgumentException(
          features.cols() + " columns but " + this.featureNames.size() + " feature names");
    }
    this.source = source == null ? "data" : source;
    this.lines = lines;
    this.hasMissing = hasMissing;
  }

  /**
   * A dense dataset from a row array and class indices {@code 0..K-1}; classes are named
   * "0".."K-1".
   *
   * @throws IllegalArgumentException if rows are ragged or a label is negative
   */
  public static Dataset of(double[][] x, int[] y) {
    int k = 0;
    for (int label : y) {
      if (label < 0) {
        throw new IllegalArgumentException("class indices must be >= 0, got " + label);
      }
      k = Math.max(k, label + 1);
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      names.add(Integer.toString(i));
    }
    return new Dataset(dense(x), y.clone(), LabelEncoder.ofClasses(names), null, null, null, false);
  }

  /** A dense dataset from a row array and class names (sorted as {@link LabelEncoder} does). */
  public static Dataset of(double[][] x, String[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " rows but " + y.length + " labels");
    }
    LabelEncoder encoder = LabelEncoder.fit(List.of(y));
    int[] codes = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      codes[i] = encoder.indexOf(y[i]);
    }
    return new Dataset(dense(x), codes, encoder, null, null, null, false);
  }

  /**
   * A dense multi-label dataset from a row array and each row's label names; the vocabulary is
   * sorted as {@link LabelEncoder} sorts class names. A row may have no label.
   *
   * @throws IllegalArgumentException if the row counts differ or rows are ragged
   */
  public static Dataset ofLabelSets(double[][] x, String[][] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(x.length + " rows but " + y.length + " label sets");
    }
    List<String> all = new ArrayList<>();
    for (String[] set : y) {
      all.addAll(List.of(set));
    }
    LabelEncoder encoder = LabelEncoder.fit(all);
    int[][] codes = new int[y.length][];
    for (int i = 0; i < y.length; i++) {
      codes[i] = new int[y[i].length];
      for (int j = 0; j < y[i].length; j++) {
        codes[i][j] = encoder.indexOf(y[i][j]);
      }
    }
    return new Dataset(
        dense(x), null, LabelSets.of(codes, encoder.size()), encoder, null, null, null, false);
  }

  private static DenseMatrix dense(double[][] x) {
    int cols = x.length == 0 ? 0 : x[0].length;
    float[] data = new float[x.length * cols];
    for (int r = 0; r < x.length; r++) {
      if (x[r].length != cols) {
        throw new IllegalArgumentException(
            "row " + r + " has " + x[r].length + " values, row 0 has " + cols);
      }
      for (int c = 0; c < cols; c++) {
        data[r * cols + c] = (float) x[r][c];
      }
    }
    return new DenseMatrix(data, x.length, cols);
  }

  private static List<String> defaultNames(int cols) {
    List<String> names = new ArrayList<>(cols);
    for (int c = 1; c <= cols; c++) {
      names.add("f" + c);
    }
    return names;
  }

  /** The rows at {@code rowIndices}, in that order, with the same classes. */
  public Dataset subset(int[] rowIndices) {
    int[] y = null;
    if (labels != null) {
      y = new int[rowIndices.length];
      for (int i = 0; i < rowIndices.length; i++) {
        y[i] = labels[rowIndices[i]];
      }
    }
    long[] l = null;
    if (lines != null) {
      l = new long[rowIndices.length];
      for (int i = 0; i < rowIndices.length; i++) {
        l[i] = lines[rowIndices[i]];
      }
    }
    return new Dataset(
        features.select(rowIndices),
        y,
        labelSets == null ? null : labelSets.subset(rowIndices),
        encoder,
        featureNames,
        source,
        l,
        hasMissing,
        text.select(rowIndices));
  }

  /** This data with another feature matrix of the same shape (used by preprocessing). */
  public Dataset withFeatures(FeatureMatrix newFeatures) {
    if (newFeatures.rows() != features.rows() || newFeatures.cols() != features.cols()) {
      throw new IllegalArgumentException("shape differs");
    }
    return new Dataset(
        newFeatures, labels, labelSets, encoder, featureNames, source, lines, hasMissing, text);
  }

  /**
   * This data's rows and labels with other columns (for example the output of a preprocessing
   * step): {@code newFeatures} must have as many rows, and {@code names} one name per column.
   */
  public Dataset withColumns(
      FeatureMatrix newFeatures, List<String> names, boolean missing, TextColumns newText) {
    if (newFeatures.rows() != features.rows()) {
      throw new IllegalArgumentException("row count differs");
    }
    return new Dataset(
        newFeatures, labels, labelSets, encoder, names, source, lines, missing, newText);
  }

  /** The columns that hold strings (categorical features), never null. */
  public TextColumns text() {
    return text;
  }

  /** The feature matrix. */
  public FeatureMatrix features() {
    return features;
  }

  /** Number of rows. */
  public int size() {
    return features.rows();
  }

  /** Number of feature columns. */
  public int numFeatures() {
    return features.cols();
  }

  /** Whether every row has a class. */
  public boolean hasLabels() {
    return labels != null;
  }

  /** Whether the data are multi-label: a label set per row (see {@link #labelSets()}). */
  public boolean hasLabelSets() {
    return labelSets != null;
  }

  /** The label set of every row, or {@code null} for single-label or unlabelled data. */
  public LabelSets labelSets() {
    return labelSets;
  }

  /**
   * The labels as label sets: the multi-label sets when there are some, else each row's class as a
   * set of one (so single-label data can be scored by a multi-label model).
   *
   * @throws IllegalStateException if the data have no labels
   */
  public LabelSets asLabelSets() {
    if (labelSets != null) {
      return labelSets;
    }
    if (labels == null) {
      throw new IllegalStateException(source + " has no labels");
    }
    int[] offsets = new int[labels.length + 1];
    for (int r = 0; r < labels.length; r++) {
      offsets[r + 1] = r + 1;
    }
    return new LabelSets(offsets, labels.clone(), encoder.size());
  }

  /** Class index of row {@code r}. */
  public int label(int r) {
    return labels[r];
  }

  /** All class indices (not a copy; do not modify), or {@code null} for unlabelled data. */
  public int[] labels() {
    return labels;
  }

  /** The class names. */
  public LabelEncoder encoder() {
    return encoder;
  }

  /** Column names. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** Where the data came from, for messages. */
  public String source() {
    return source;
  }

  /** Whether NaN values mean "missing" (they came from empty CSV cells). */
  public boolean hasMissing() {
    return hasMissing;
  }

  /** The 1-based line of the source file where row {@code r} starts, or -1 if unknown. */
  public long line(int r) {
    return lines == null ? -1 : lines[r];
  }

  /** Describes row {@code r} for messages: its file line when known, else its 0-based index. */
  public String describeRow(int r) {
    return lines != null ? source + ", line " + lines[r] : "row " + r;
  }

  /** Count of rows in each class (of rows carrying each label, for multi-label data). */
  public int[] classCounts() {
    if (labels == null && labelSets != null) {
      return labelSets.labelCounts();
    }
    int[] counts = new int[encoder.size()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }
}
