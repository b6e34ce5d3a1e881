package dev.softclass.server;

import dev.softclass.Predictor;

/** One instance of a predict request, already checked against the model's features. */
sealed interface Instance {
  /** The model's class probabilities for this instance, in {@code model.classes()} order. */
  double[] predictProba(Predictor model);

  /**
   * A full row of raw feature values in the model's order (from a JSON array or an object of named
   * features; missing values already replaced by the model's fill values).
   */
  record Dense(float[] row) implements Instance {
    @Override
    public double[] predictProba(Predictor model) {
      return model.predictProba(row);
    }
  }

  /** A sparse row: strictly increasing 0-based feature indices and their raw values. */
  record Sparse(int[] indices, float[] values) implements Instance {
    @Override
    public double[] predictProba(Predictor model) {
      return model.predictProba(indices, values);
    }
  }
}
