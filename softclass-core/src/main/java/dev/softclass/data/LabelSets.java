package dev.softclass.data;

import java.util.Arrays;

/**
 * The label set of every row of a multi-label dataset, stored like a CSR matrix: the labels of row
 * {@code r} are {@code labels[offsets[r] .. offsets[r + 1])}, strictly increasing indices into a
 * {@link LabelEncoder}. A row may have no label. Immutable.
 */
public final class LabelSets {
  private final int[] offsets;
  private final int[] labels;
  private final int numLabels;

  /**
   * @param offsets {@code rows + 1} non-decreasing offsets starting at 0
   * @param labels the label indices of all rows, strictly increasing within a row
   * @param numLabels size of the label vocabulary; every index is in {@code [0, numLabels)}
   * @throws IllegalArgumentException if the arrays are inconsistent
   */
  public LabelSets(int[] offsets, int[] labels, int numLabels) {
    if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != labels.length) {
      throw new IllegalArgumentException("offsets must start at 0 and end at " + labels.length);
    }
    for (int r = 0; r + 1 < offsets.length; r++) {
      if (offsets[r + 1] < offsets[r]) {
        throw new IllegalArgumentException("offsets decrease at row " + r);
      }
      for (int k = offsets[r]; k < offsets[r + 1]; k++) {
        int label = labels[k];
        if (label < 0 || label >= numLabels) {
          throw new IllegalArgumentException(
              "row " + r + ": label index " + label + " outside [0, " + numLabels + ")");
        }
        if (k > offsets[r] && labels[k - 1] >= label) {
          throw new IllegalArgumentException("row " + r + ": label indices must increase");
        }
      }
    }
    this.offsets = offsets;
    this.labels = labels;
    this.numLabels = numLabels;
  }

  /**
   * Label sets from one {@code int[]} per row (each sorted and de-duplicated here).
   *
   * @throws IllegalArgumentException if an index is outside {@code [0, numLabels)}
   */
  public static LabelSets of(int[][] rows, int numLabels) {
    int[] offsets = new int[rows.length + 1];
    int[][] clean = new int[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      clean[r] = Arrays.stream(rows[r]).sorted().distinct().toArray();
      offsets[r + 1] = offsets[r] + clean[r].length;
    }
    int[] labels = new int[offsets[rows.length]];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(clean[r], 0, labels, offsets[r], clean[r].length);
    }
    return new LabelSets(offsets, labels, numLabels);
  }

  /** Number of rows. */
  public int rows() {
    return offsets.length - 1;
  }

  /** Size of the label vocabulary. */
  public int numLabels() {
    return numLabels;
  }

  /** The labels of row {@code r}, increasing (a copy). */
  public int[] labels(int r) {
    return Arrays.copyOfRange(labels, offsets[r], offsets[r + 1]);
  }

  /** Whether row {@code r} has label {@code label}. */
  public boolean contains(int r, int label) {
    return Arrays.binarySearch(labels, offsets[r], offsets[r + 1], label) >= 0;
  }

  /** Number of labels of row {@code r}. */
  public int count(int r) {
    return offsets[r + 1] - offsets[r];
  }

  /** The offsets array (shared, do not modify). */
  public int[] offsets() {
    return offsets;
  }

  /** All label indices (shared, do not modify). */
  public int[] flatLabels() {
    return labels;
  }

  /** The rows {@code rowIndices}, in that order. */
  public LabelSets subset(int[] rowIndices) {
    int[] newOffsets = new int[rowIndices.length + 1];
    for (int i = 0; i < rowIndices.length; i++) {
      newOffsets[i + 1] = newOffsets[i] + count(rowIndices[i]);
    }
    int[] newLabels = new int[newOffsets[rowIndices.length]];
    for (int i = 0; i < rowIndices.length; i++) {
      int r = rowIndices[i];
      System.arraycopy(labels, offsets[r], newLabels, newOffsets[i], count(r));
    }
    return new LabelSets(newOffsets, newLabels, numLabels);
  }

  /** Number of rows carrying each label. */
  public int[] labelCounts() {
    int[] counts = new int[numLabels];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** Whether every row has exactly one label (data a single-label head could learn). */
  public boolean isSingleLabel() {
    for (int r = 0; r < rows(); r++) {
      if (count(r) != 1) {
        return false;
      }
    }
    return true;
  }
}
