package dev.softclass.body;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.kernel.VectorOps;
import java.util.SplittableRandom;

/**
 * fastText's body: the mean of the embedding rows of an example's features (words, character
 * n-grams and word n-grams, see {@code preprocess.text.TextFeatures}). The embedding matrix is
 * {@code rows x dim}, row-major float.
 *
 * <p>Thread safety: {@link #hidden} only reads and is safe from any number of threads. {@link
 * #backward} writes the matrix in place; trainers call it from one thread, or from several in
 * opt-in Hogwild mode, and never once the model is handed to users.
 */
public final class EmbeddingBagBody implements Body {
  private final int rows;
  private final int dim;
  private final float[] embeddings;

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
  }

  /** A matrix drawn uniformly from {@code [-1/dim, 1/dim]}, as fastText initialises it. */
  public static EmbeddingBagBody random(int rows, int dim, long seed) {
    if ((long) rows * dim > Integer.MAX_VALUE - 8) {
      throw new dev.softclass.SoftclassException(
          rows
              + " rows x "
              + dim
              + " dimensions is too large for one matrix: lower --bucket or --dim");
    }
    float[] e = new float[rows * dim];
    SplittableRandom rng = new SplittableRandom(seed);
    float bound = 1f / dim;
    for (int i = 0; i < e.length; i++) {
      e[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
    }
    return new EmbeddingBagBody(rows, dim, e);
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
        VectorOps.axpy(val[k], embeddings, idx[k] * dim, out, r * dim, dim);
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

  /** The matrix (shared: trainers update it in place; callers must not). */
  public float[] embeddings() {
    return embeddings;
  }

  /**
   * Writes the mean of rows {@code ids[from..to)} into {@code hidden[0..dim)} (zeros for none).
   *
   * @throws IndexOutOfBoundsException if an id is outside the matrix
   */
  public void hidden(int[] ids, int from, int to, float[] hidden) {
    java.util.Arrays.fill(hidden, 0, dim, 0f);
    for (int k = from; k < to; k++) {
      VectorOps.axpy(1f, embeddings, ids[k] * dim, hidden, 0, dim);
    }
    if (to > from) {
      float inv = 1f / (to - from);
      for (int j = 0; j < dim; j++) {
        hidden[j] *= inv;
      }
    }
  }

  /**
   * Adds {@code step / n} to each of the {@code n} rows {@code ids[from..to)}: the SGD update of a
   * mean, given {@code step = -lr * dLoss/dHidden}.
   */
  public void backward(int[] ids, int from, int to, float[] step) {
    if (to <= from) {
      return;
    }
    float scale = 1f / (to - from);
    for (int k = from; k < to; k++) {
      VectorOps.axpy(scale, step, 0, embeddings, ids[k] * dim, dim);
    }
  }
}
