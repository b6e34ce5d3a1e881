package dev.softclass.data;

/**
 * Sparse features in compressed sparse row form: row {@code r} holds the column indices {@code
 * indices[rowPtr[r] .. rowPtr[r+1])} (0-based, strictly increasing) with their values.
 */
public final class CsrMatrix implements FeatureMatrix {
  private final int[] rowPtr;
  private final int[] indices;
  private final float[] values;
  private final int cols;

  /**
   * Wraps (does not copy) the three CSR arrays.
   *
   * @throws IllegalArgumentException if the arrays do not describe a valid matrix
   */
  public CsrMatrix(int[] rowPtr, int[] indices, float[] values, int cols) {
    if (rowPtr.length == 0 || rowPtr[0] != 0 || rowPtr[rowPtr.length - 1] != indices.length) {
      throw new IllegalArgumentException("row pointers must start at 0 and end at the value count");
    }
    if (indices.length != values.length) {
      throw new IllegalArgumentException(
          indices.length + " indices but " + values.length + " values");
    }
    for (int r = 0; r + 1 < rowPtr.length; r++) {
      for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
        int c = indices[k];
        if (c < 0 || c >= cols || (k > rowPtr[r] && c <= indices[k - 1])) {
          throw new IllegalArgumentException(
              "row " + r + ": column indices must be increasing and in [0, " + cols + ")");
        }
      }
    }
    this.rowPtr = rowPtr;
    this.indices = indices;
    this.values = values;
    this.cols = cols;
  }

  /** Row pointers, length {@code rows() + 1} (not a copy). */
  public int[] rowPtr() {
    return rowPtr;
  }

  /** Column indices of all stored values (not a copy). */
  public int[] indices() {
    return indices;
  }

  /** All stored values (not a copy). */
  public float[] values() {
    return values;
  }

  @Override
  public int rows() {
    return rowPtr.length - 1;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public long storedValues() {
    return values.length;
  }

  @Override
  public CsrMatrix select(int[] rowIndices) {
    int[] ptr = new int[rowIndices.length + 1];
    for (int i = 0; i < rowIndices.length; i++) {
      int r = rowIndices[i];
      ptr[i + 1] = ptr[i] + (rowPtr[r + 1] - rowPtr[r]);
    }
    int[] idx = new int[ptr[rowIndices.length]];
    float[] val = new float[idx.length];
    for (int i = 0; i < rowIndices.length; i++) {
      int r = rowIndices[i];
      int n = rowPtr[r + 1] - rowPtr[r];
      System.arraycopy(indices, rowPtr[r], idx, ptr[i], n);
      System.arraycopy(values, rowPtr[r], val, ptr[i], n);
    }
    return new CsrMatrix(ptr, idx, val, cols);
  }

  @Override
  public float[] denseRow(int r) {
    float[] out = new float[cols];
    for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
      out[indices[k]] = values[k];
    }
    return out;
  }
}
