package dev.softclass.text;

import dev.softclass.optim.TrainingState;
import dev.softclass.preprocess.text.TextFeatures;

/**
 * The embedding rows that training examples touch (every line touches at least its end-of-line
 * row), and the examples rewritten to index those rows alone: SGD on this compact matrix updates
 * exactly the rows, with exactly the arithmetic, of SGD on the whole one.
 */
final class TouchedRows {
  private final int matrixRows;
  private final int[] rows;
  private final TextFeatures.Rows compact;

  private TouchedRows(int matrixRows, int[] rows, TextFeatures.Rows compact) {
    this.matrixRows = matrixRows;
    this.rows = rows;
    this.compact = compact;
  }

  /** The rows {@code examples} touch in a matrix of {@code matrixRows} rows. */
  static TouchedRows of(TextFeatures.Rows examples, int matrixRows) {
    int[] slot = new int[matrixRows];
    int[] ids = examples.ids();
    for (int id : ids) {
      slot[id] = 1;
    }
    int n = 0;
    for (int r = 0; r < matrixRows; r++) {
      n += slot[r];
    }
    int[] rows = new int[n];
    int next = 0;
    for (int r = 0; r < matrixRows; r++) {
      if (slot[r] != 0) {
        rows[next] = r;
        slot[r] = next++;
      }
    }
    int[] compactIds = new int[ids.length];
    for (int k = 0; k < ids.length; k++) {
      compactIds[k] = slot[ids[k]];
    }
    return new TouchedRows(matrixRows, rows, new TextFeatures.Rows(examples.offsets(), compactIds));
  }

  /** The touched matrix rows, ascending (shared; callers must not modify it). */
  int[] rows() {
    return rows;
  }

  /** The examples with each id replaced by its place in {@link #rows()}. */
  TextFeatures.Rows compactRows() {
    return compact;
  }

  /**
   * The touched rows' values saved as {@code name} in a checkpoint: saved compact, or, from a
   * checkpoint of the whole matrix (written before training kept only touched rows), picked out of
   * it.
   *
   * @throws dev.softclass.SoftclassException if the checkpoint holds neither
   */
  float[] restore(TrainingState state, String name, int dim) {
    float[] saved = state.floats().get(name);
    if (saved != null
        && saved.length != rows.length * dim
        && saved.length == (long) matrixRows * dim) {
      float[] picked = new float[rows.length * dim];
      for (int i = 0; i < rows.length; i++) {
        System.arraycopy(saved, rows[i] * dim, picked, i * dim, dim);
      }
      return picked;
    }
    return state.floatArray(name, rows.length * dim);
  }
}
