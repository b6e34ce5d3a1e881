package dev.softclass.server;

import dev.softclass.Model;
import dev.softclass.Predictor;
import dev.softclass.SoftclassException;

/**
 * One instance of a predict request, already checked against the model's features (or, for a text
 * model, a string).
 */
sealed interface Instance {
  /** The model's class probabilities for this instance, in {@code model.classes()} order. */
  double[] predictProba(Predictor model);

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
    public double[] predictProba(Predictor model) {
      if (model instanceof Model single) {
        return single.predictProbaRaw(row, text);
      }
      // an ensemble: its members share the training data, so the first member's fill stands
      float[] fill = model.missingValueFill();
      float[] filled = row.clone();
      for (int c = 0; c < filled.length; c++) {
        if (text != null && text[c] != null) {
          throw new SoftclassException(
              "feature '"
                  + model.featureNames().get(c)
                  + "' is a string, but an ensemble takes numeric features only");
        }
        if (Float.isNaN(filled[c])) {
          filled[c] = fill[c];
        }
      }
      return model.predictProba(filled);
    }
  }

  /** A sparse row: strictly increasing 0-based feature indices and their raw values. */
  record Sparse(int[] indices, float[] values) implements Instance {
    @Override
    public double[] predictProba(Predictor model) {
      return model.predictProba(indices, values);
    }
  }

  /**
   * The text of one instance for a text model; {@link TextPredictionWriter} predicts it with the
   * model's exact probabilities.
   */
  record Text(String text) implements Instance {
    /** Always refuses: a tabular model takes features, not text. */
    @Override
    public double[] predictProba(Predictor model) {
      throw new SoftclassException(
          "the instance is text, but the model takes numeric features, not text");
    }
  }
}
