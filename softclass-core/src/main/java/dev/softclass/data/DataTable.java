package dev.softclass.data;

import java.util.List;

/**
 * Data as read from a file, before its labels are encoded: features, label names (or {@code null}
 * when the file has no label column), feature names, and the line of each row so that later errors
 * can point into the file.
 *
 * @param source the file name, for messages
 * @param features one row per example
 * @param labels one class name per row, or {@code null} for unlabelled data
 * @param featureNames one name per column
 * @param lines the 1-based file line of each row
 * @param hasMissing whether some dense cells were empty (stored as NaN, meaning "missing")
 * @param text the columns that hold strings (categories), never null
 */
public record DataTable(
    String source,
    FeatureMatrix features,
    String[] labels,
    List<String> featureNames,
    long[] lines,
    boolean hasMissing,
    TextColumns text) {

  /** A table without text columns. */
  public DataTable(
      String source,
      FeatureMatrix features,
      String[] labels,
      List<String> featureNames,
      long[] lines,
      boolean hasMissing) {
    this(source, features, labels, featureNames, lines, hasMissing, TextColumns.NONE);
  }

  /** Validates the text columns. */
  public DataTable {
    java.util.Objects.requireNonNull(text, "text");
  }

  /** Encodes the labels with a new encoder fitted on them. */
  public Dataset toDataset() {
    if (labels == null) {
      throw new DataFormatException(source, 0, null, "the file has no label column");
    }
    return toDataset(LabelEncoder.fit(List.of(labels)));
  }

  /**
   * Encodes the labels with {@code encoder}; unlabelled data gives a dataset without labels.
   *
   * @throws DataFormatException naming the line of the first label that is not one of the encoder's
   *     classes
   */
  public Dataset toDataset(LabelEncoder encoder) {
    int[] y = null;
    if (labels != null) {
      y = new int[labels.length];
      for (int i = 0; i < labels.length; i++) {
        y[i] = encoder.indexOf(labels[i]);
        if (y[i] < 0) {
          throw new DataFormatException(
              source,
              lines[i],
              "label",
              "class '"
                  + labels[i]
                  + "' is not one of the model's classes "
                  + encoder.classes()
                  + ". A model can only be evaluated on the classes it was trained on.");
        }
      }
    }
    return new Dataset(features, y, encoder, featureNames, source, lines, hasMissing, text);
  }

  /**
   * Whether some row's label holds {@code separator}, that is, the file has multi-label rows (see
   * {@link DataFormat#labelSeparator()}).
   */
  public boolean hasLabelSets(String separator) {
    if (labels != null) {
      for (String label : labels) {
        if (label.contains(separator)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Multi-label data: each row's label split at {@code separator} into a label set, the vocabulary
   * fitted on all the labels seen.
   *
   * @throws DataFormatException naming the line of an empty label within a set
   */
  public Dataset toMultiLabelDataset(String separator) {
    if (labels == null) {
      throw new DataFormatException(source, 0, null, "the file has no label column");
    }
    java.util.Set<String> vocabulary = new java.util.HashSet<>();
    for (int i = 0; i < labels.length; i++) {
      vocabulary.addAll(List.of(split(i, separator)));
    }
    return toMultiLabelDataset(separator, LabelEncoder.fit(vocabulary));
  }

  /**
   * Multi-label data with a given label vocabulary (a model's); unlabelled data gives a dataset
   * without labels.
   *
   * @throws DataFormatException naming the line of an empty label, or of a label that is not in the
   *     vocabulary
   */
  public Dataset toMultiLabelDataset(String separator, LabelEncoder vocabulary) {
    if (labels == null) {
      return new Dataset(features, null, vocabulary, featureNames, source, lines, hasMissing, text);
    }
    int[][] sets = new int[labels.length][];
    for (int i = 0; i < labels.length; i++) {
      String[] names = split(i, separator);
      sets[i] = new int[names.length];
      for (int j = 0; j < names.length; j++) {
        sets[i][j] = vocabulary.indexOf(names[j]);
        if (sets[i][j] < 0) {
          throw new DataFormatException(
              source,
              lines[i],
              "label",
              "label '"
                  + names[j]
                  + "' is not one of the model's labels "
                  + vocabulary.classes()
                  + ". A model can only be evaluated on the labels it was trained on.");
        }
      }
    }
    return new Dataset(
        features,
        null,
        LabelSets.of(sets, vocabulary.size()),
        vocabulary,
        featureNames,
        source,
        lines,
        hasMissing,
        text);
  }

  private String[] split(int row, String separator) {
    String[] names = labels[row].split(java.util.regex.Pattern.quote(separator), -1);
    for (int j = 0; j < names.length; j++) {
      names[j] = names[j].strip();
      if (names[j].isEmpty()) {
        throw new DataFormatException(
            source,
            lines[row],
            "label",
            "empty label in the label set '"
                + labels[row]
                + "': expected label names joined by '"
                + separator
                + "'");
      }
    }
    return names;
  }
}
