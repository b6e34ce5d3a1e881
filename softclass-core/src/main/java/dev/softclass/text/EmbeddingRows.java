package dev.softclass.text;

import dev.softclass.body.EmbeddingInit;
import java.util.Arrays;

/**
 * The embedding rows a text trainer updates, one array per row, with the two loops of an embedding
 * bag's SGD step: the mean of an example's rows and the update of each of them.
 *
 * <p>One array per row, not one matrix: both loops then index their two arrays from 0, and C2
 * compiles such loops to vector instructions from the first compilation on (it leaves a loop over
 * two arrays at two unrelated offsets scalar, as they might overlap). A text model's embedding
 * width is small (100), its examples touch a few dozen rows, and a training run lasts a second or
 * less: the Vector API kernels would spend most of such a run slow, before C2 has compiled them.
 *
 * <p>The arithmetic is that of {@code EmbeddingBagBody.hidden} and of a plain-Java axpy, element by
 * element in float. Not thread-safe, except as Hogwild SGD uses it: threads updating rows at once,
 * without locks, accepting lost updates.
 */
final class EmbeddingRows {
  private final float[][] rows;
  private final int dim;

  private EmbeddingRows(float[][] rows, int dim) {
    this.rows = rows;
    this.dim = dim;
  }

  /**
   * Rows {@code matrixRows} of the embedding matrix at their initial values for {@code seed}
   * ({@link EmbeddingInit#row}), row {@code i} here holding matrix row {@code matrixRows[i]}.
   */
  static EmbeddingRows initial(long seed, int dim, int[] matrixRows) {
    if (dim < 1) {
      throw new IllegalArgumentException("embedding width " + dim + " is not positive");
    }
    float[][] rows = new float[matrixRows.length][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new float[dim];
      EmbeddingInit.row(seed, dim, matrixRows[i], rows[i], 0);
    }
    return new EmbeddingRows(rows, dim);
  }

  /** Embedding width. */
  int dim() {
    return dim;
  }

  /** All rows one after the other, in a new array. */
  float[] values() {
    float[] all = new float[rows.length * dim];
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(rows[r], 0, all, r * dim, dim);
    }
    return all;
  }

  /** Overwrites every row with {@code values}, laid out as {@link #values()}. */
  void set(float[] values) {
    if (values.length != rows.length * dim) {
      throw new IllegalArgumentException(
          values.length + " values for " + rows.length + " rows of width " + dim);
    }
    for (int r = 0; r < rows.length; r++) {
      System.arraycopy(values, r * dim, rows[r], 0, dim);
    }
  }

  /**
   * Writes the mean of rows {@code ids[from..to)} into {@code hidden[0..dim)} (zeros for none): the
   * rows summed in order, then multiplied by {@code 1 / count}.
   */
  void mean(int[] ids, int from, int to, float[] hidden) {
    Arrays.fill(hidden, 0, dim, 0f);
    for (int k = from; k < to; k++) {
      float[] row = rows[ids[k]];
      for (int j = 0; j < dim; j++) {
        hidden[j] += row[j];
      }
    }
    if (to > from) {
      float inv = 1f / (to - from);
      for (int j = 0; j < dim; j++) {
        hidden[j] *= inv;
      }
    }
  }

  /**
   * Adds {@code step / n} to each of the {@code n} rows {@code ids[from..to)}, the SGD update of a
   * mean given {@code step = -lr * dLoss/dHidden}; {@code step} is overwritten by {@code step / n}.
   */
  void addToRows(int[] ids, int from, int to, float[] step) {
    if (to <= from) {
      return;
    }
    float scale = 1f / (to - from);
    for (int j = 0; j < dim; j++) {
      step[j] *= scale;
    }
    for (int k = from; k < to; k++) {
      float[] row = rows[ids[k]];
      for (int j = 0; j < dim; j++) {
        row[j] += step[j];
      }
    }
  }
}
