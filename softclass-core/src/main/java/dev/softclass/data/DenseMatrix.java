package dev.softclass.data;

import java.util.Arrays;

/** Dense row-major features: value {@code (r, c)} is {@code data[r * cols + c]}. */
public final class DenseMatrix implements FeatureMatrix {
  private final float[] data;
  private final int rows;
  private final int cols;

  /**
   * Wraps (does not copy) a row-major array.
   *
   * @throws IllegalArgumentException if {@code data.length != rows * cols}
   */
  public DenseMatrix(float[] data, int rows, int cols) {
    if (rows < 0 || cols < 0 || (long) rows * cols != data.length) {
      throw new IllegalArgumentException(
          "dense matrix of "
              + rows
              + " x "
              + cols
              + " needs "
              + (long) rows * cols
              + " values, got "
              + data.length);
    }
    this.data = data;
    this.rows = rows;
    this.cols = cols;
  }

  /** The backing array (not a copy): row {@code r} starts at {@code r * cols()}. */
  public float[] data() {
    return data;
  }

  /** Offset of row {@code r} in {@link #data()}. */
  public int offset(int r) {
    return r * cols;
  }

  /** Value at row {@code r}, column {@code c}. */
  public float get(int r, int c) {
    return data[r * cols + c];
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public long storedValues() {
    return data.length;
  }

  @Override
  public DenseMatrix select(int[] rowIndices) {
    float[] out = new float[rowIndices.length * cols];
    for (int i = 0; i < rowIndices.length; i++) {
      System.arraycopy(data, rowIndices[i] * cols, out, i * cols, cols);
    }
    return new DenseMatrix(out, rowIndices.length, cols);
  }

  @Override
  public float[] denseRow(int r) {
    return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
  }
}
