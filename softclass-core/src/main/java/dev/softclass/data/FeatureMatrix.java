package dev.softclass.data;

/**
 * Rows of numeric features, stored in flat arrays: {@link DenseMatrix} (row-major) or {@link
 * CsrMatrix} (compressed sparse rows). Immutable once built; safe to share between threads.
 */
public sealed interface FeatureMatrix permits DenseMatrix, CsrMatrix {
  /** Number of rows (examples). */
  int rows();

  /** Number of columns (features). */
  int cols();

  /** Number of stored values: {@code rows * cols} for dense data, the non-zeros for sparse data. */
  long storedValues();

  /** The rows at the given indices, in that order, as a new matrix of the same kind. */
  FeatureMatrix select(int[] rowIndices);

  /** Row {@code r} as a dense array of length {@link #cols()} (a copy). */
  float[] denseRow(int r);
}
