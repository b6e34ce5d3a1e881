package dev.softclass.body;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.kernel.VectorOps;

/**
 * fastText's body: the mean of the embedding rows of an example's features (words, character
 * n-grams and word n-grams, see {@code preprocess.text.TextFeatures}). The embedding matrix is
 * {@code rows x dim}, row-major float.
 *
 * <p>The matrix is held whole ({@link #EmbeddingBagBody(int, int, float[])}), or as the rows that
 * training changed with every other row still at its initial value, regenerated on demand from the
 * seed by {@link EmbeddingInit} ({@link #withInitialRows}): most of fastText's hashed n-gram
 * buckets are never touched by a small training set, so this keeps a model's memory and file to the
 * rows that matter, with exactly the values of the whole matrix.
 *
 * <p>Thread safety: nothing here writes the matrix (text trainers update their own copy of the
 * rows, see {@code text.EmbeddingRows}); {@link #hidden} is safe from any number of threads.
 */
public final class EmbeddingBagBody implements Body {
  private final int rows;
  private final int dim;

  /** The whole matrix, or the stored rows one after the other when {@link #slots} is set. */
  private final float[] embeddings;

  /** For each matrix row, its place among the stored rows or -1 (initial value); null if whole. */
  private final int[] slots;

  private final int[] storedRows;
  private final long initSeed;

  /**
   * @param embeddings {@code rows * dim} values (kept, not copied)
   * @throws IllegalArgumentException if the sizes do not match
   */
  public EmbeddingBagBody(int rows, int dim, float[] embeddings) {
    if (rows < 1 || dim < 1 || (long) rows * dim != embeddings.length) {
      throw new IllegalArgumentException(
          "an embedding matrix of " + rows + " x " + dim + " needs that many values");
    }
    this.rows = rows;
    this.dim = dim;
    this.embeddings = embeddings;
    this.slots = null;
    this.storedRows = null;
    this.initSeed = 0;
  }

  private EmbeddingBagBody(int rows, int dim, long seed, int[] storedRows, float[] stored) {
    if (rows < 1 || dim < 1 || (long) storedRows.length * dim != stored.length) {
      throw new IllegalArgumentException(
          storedRows.length + " stored rows of width " + dim + " need that many values");
    }
    this.rows = rows;
    this.dim = dim;
    this.embeddings = stored;
    this.storedRows = storedRows;
    this.initSeed = seed;
    this.slots = new int[rows];
    java.util.Arrays.fill(slots, -1);
    int previous = -1;
    for (int i = 0; i < storedRows.length; i++) {
      int r = storedRows[i];
      if (r <= previous || r >= rows) {
        throw new IllegalArgumentException(
            "stored rows must be ascending matrix rows below " + rows + "; got " + r);
      }
      slots[r] = i;
      previous = r;
    }
  }

  /**
   * A {@code rows x dim} matrix whose rows {@code storedRows} (ascending) hold {@code stored}, one
   * after the other, and whose other rows hold their initial values for {@code seed} ({@link
   * EmbeddingInit}).
   *
   * @param stored {@code storedRows.length * dim} values (kept, not copied)
   * @throws IllegalArgumentException if the sizes do not match or the rows are not ascending rows
   *     of the matrix
   */
  public static EmbeddingBagBody withInitialRows(
      int rows, int dim, long seed, int[] storedRows, float[] stored) {
    return new EmbeddingBagBody(rows, dim, seed, storedRows, stored);
  }

  /**
   * A matrix drawn uniformly from {@code [-1/dim, 1/dim]}, as fastText initialises it ({@link
   * EmbeddingInit}'s values, held whole).
   */
  public static EmbeddingBagBody random(int rows, int dim, long seed) {
    checkSize(rows, dim);
    float[] e = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      EmbeddingInit.row(seed, dim, r, e, r * dim);
    }
    return new EmbeddingBagBody(rows, dim, e);
  }

  /**
   * Checks that a {@code rows x dim} matrix fits in one array.
   *
   * @throws dev.softclass.SoftclassException if it does not, naming the options to lower
   */
  public static void checkSize(int rows, int dim) {
    if ((long) rows * dim > Integer.MAX_VALUE - 8) {
      throw new dev.softclass.SoftclassException(
          rows
              + " rows x "
              + dim
              + " dimensions is too large for one matrix: lower --bucket or --dim");
    }
  }

  @Override
  public String name() {
    return "embedding_bag";
  }

  /**
   * The mean embedding of each row of sparse feature ids: row {@code r} of {@code x} lists ids
   * (column indices) with their counts (values), and its output is {@code sum(count * row(id)) /
   * sum(count)}, which is {@link #hidden} when every occurrence is counted once.
   *
   * @throws IllegalArgumentException for dense input, which holds no ids
   */
  @Override
  public FeatureMatrix forward(FeatureMatrix x) {
    if (!(x instanceof CsrMatrix m)) {
      throw new IllegalArgumentException(
          "an embedding bag reads sparse feature ids, not dense rows");
    }
    int[] ptr = m.rowPtr();
    int[] idx = m.indices();
    float[] val = m.values();
    float[] out = new float[m.rows() * dim];
    for (int r = 0; r < m.rows(); r++) {
      double total = 0;
      for (int k = ptr[r]; k < ptr[r + 1]; k++) {
        addRow(idx[k], val[k], out, r * dim);
        total += val[k];
      }
      if (total > 0) {
        float inv = (float) (1 / total);
        for (int j = 0; j < dim; j++) {
          out[r * dim + j] *= inv;
        }
      }
    }
    return new DenseMatrix(out, m.rows(), dim);
  }

  /** The embedding width, whatever the input. */
  @Override
  public int outputDim(int inputDim) {
    return dim;
  }

  /** Embedding width. */
  public int dim() {
    return dim;
  }

  /** Number of embedding rows. */
  public int rows() {
    return rows;
  }

  /**
   * The whole matrix: for a body held whole or one whose every row is stored, the array itself
   * (shared: callers must not modify it); for one with initial rows, a new array with those rows
   * regenerated.
   */
  public float[] embeddings() {
    if (slots == null || storedRows.length == rows) { // all stored, ascending: row r is at r
      return embeddings;
    }
    checkSize(rows, dim);
    float[] all = new float[rows * dim];
    for (int r = 0; r < rows; r++) {
      if (slots[r] >= 0) {
        System.arraycopy(embeddings, slots[r] * dim, all, r * dim, dim);
      } else {
        EmbeddingInit.row(initSeed, dim, r, all, r * dim);
      }
    }
    return all;
  }

  /** Whether only some rows are stored and the others regenerated ({@link #withInitialRows}). */
  public boolean hasInitialRows() {
    return slots != null;
  }

  /** The stored rows, ascending (every row for a body held whole). */
  public int[] storedRows() {
    if (slots == null) {
      int[] all = new int[rows];
      for (int r = 0; r < rows; r++) {
        all[r] = r;
      }
      return all;
    }
    return storedRows.clone();
  }

  /** The stored rows' values, one row after the other (shared; callers must not modify them). */
  public float[] storedValues() {
    return embeddings;
  }

  /** The seed of the initial rows ({@link #withInitialRows}); 0 for a body held whole. */
  public long initSeed() {
    return initSeed;
  }

  /**
   * Writes the mean of rows {@code ids[from..to)} into {@code hidden[0..dim)} (zeros for none).
   *
   * @throws IndexOutOfBoundsException if an id is outside the matrix
   */
  public void hidden(int[] ids, int from, int to, float[] hidden) {
    java.util.Arrays.fill(hidden, 0, dim, 0f);
    if (slots == null) {
      for (int k = from; k < to; k++) {
        VectorOps.axpy(1f, embeddings, ids[k] * dim, hidden, 0, dim);
      }
    } else {
      for (int k = from; k < to; k++) {
        addRow(ids[k], 1f, hidden, 0);
      }
    }
    if (to > from) {
      float inv = 1f / (to - from);
      for (int j = 0; j < dim; j++) {
        hidden[j] *= inv;
      }
    }
  }

  /** Adds {@code scale} times matrix row {@code id} to {@code out[offset..offset+dim)}. */
  private void addRow(int id, float scale, float[] out, int offset) {
    if (slots == null) {
      VectorOps.axpy(scale, embeddings, id * dim, out, offset, dim);
      return;
    }
    int slot = slots[id];
    if (slot >= 0) {
      VectorOps.axpy(scale, embeddings, slot * dim, out, offset, dim);
    } else {
      float[] initial = new float[dim];
      EmbeddingInit.row(initSeed, dim, id, initial, 0);
      VectorOps.axpy(scale, initial, 0, out, offset, dim);
    }
  }
}
