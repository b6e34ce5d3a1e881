package dev.softclass;

import dev.softclass.data.Dataset;
import dev.softclass.data.LabelEncoder;
import dev.softclass.ensemble.Ensemble;
import dev.softclass.ensemble.EnsembleFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Anything that gives class probabilities for rows of raw features: a trained {@link Model}, or an
 * {@link Ensemble} of models. Commands that only predict or evaluate ({@code predict}, {@code
 * eval}) work with any predictor. Implementations are immutable and thread-safe.
 */
public interface Predictor {
  /**
   * Reads a {@code .softclass} file holding either a single model or an ensemble.
   *
   * @throws dev.softclass.io.ModelFileException saying what is wrong with the file
   */
  static Predictor load(Path file) {
    return EnsembleFile.isEnsemble(file) ? EnsembleFile.read(file) : Model.load(file);
  }

  /** Class names, in the order of {@link #predictProba} entries. */
  List<String> classes();

  /** The class-name encoder. */
  LabelEncoder encoder();

  /** Names of the input features, in the order a dense row gives them. */
  List<String> featureNames();

  /** Number of input features. */
  int numFeatures();

  /** "binary" for two classes, "multiclass" for more, "multilabel" for label sets. */
  String task();

  /** Whether this predicts label sets (independent sigmoids) rather than one class. */
  default boolean isMultiLabel() {
    return false;
  }

  /** Training settings, metrics and provenance. */
  ModelInfo info();

  /**
   * Class probabilities for one dense row of raw features; they sum to 1.
   *
   * @throws SoftclassException if the row has the wrong length or a non-finite value
   */
  double[] predictProba(float[] row);

  /**
   * Class probabilities for one sparse row (0-based increasing indices; those beyond {@link
   * #numFeatures()} ignored).
   */
  double[] predictProba(int[] indices, float[] values);

  /**
   * Class probabilities for every row of {@code data} (columns matched by name when the data have
   * all the feature names, else by position).
   *
   * @throws SoftclassException if the columns do not match or a value is not finite
   */
  double[][] predictProba(Dataset data);

  /** The decided class index for probabilities from {@link #predictProba}. */
  int decide(double[] probs);

  /** The decided class index for every row of {@code data}. */
  default int[] predict(Dataset data) {
    double[][] p = predictProba(data);
    int[] out = new int[p.length];
    for (int r = 0; r < p.length; r++) {
      out[r] = decide(p[r]);
    }
    return out;
  }

  /**
   * The values that stand for a missing feature (the training means a model's preprocessing fills
   * in), one per feature.
   */
  float[] missingValueFill();

  /** Saves atomically (temporary file, then rename). */
  void save(Path file);
}
