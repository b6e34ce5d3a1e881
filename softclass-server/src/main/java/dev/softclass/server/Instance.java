package dev.softclass.server;

import dev.softclass.Model;

/** One instance of a predict request, already checked against the model's features. */
sealed interface Instance {
  /** The model's class probabilities for this instance, in {@code model.classes()} order. */
  double[] predictProba(Model model);

  /**
   * A full row of raw feature values in the model's order (from a JSON array or an object of named
   * features): NaN marks a missing value; {@code text}, when not null, holds the strings given for
   * categorical features (null elsewhere).
   */
  record Dense(float[] row, String[] text) implements Instance {
    /** A row of numbers only. */
    Dense(float[] row) {
      this(row, null);
    }

    @Override
    public double[] predictProba(Model model) {
      return model.predictProbaRaw(row, text);
    }
  }

  /** A sparse row: strictly increasing 0-based feature indices and their raw values. */
  record Sparse(int[] indices, float[] values) implements Instance {
    @Override
    public double[] predictProba(Model model) {
      return model.predictProba(indices, values);
    }
  }
}
