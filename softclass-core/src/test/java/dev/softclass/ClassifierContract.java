package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.data.DataFormatException;
import dev.softclass.data.DataTable;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.guard.GuardRailException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every Softclass model kind must keep (our {@code check_estimator}): honest
 * probabilities, {@code predict} = argmax, bit-identical save/load, reproducibility, and refusal of
 * bad input. A subclass supplies a configuration and data.
 */
abstract class ClassifierContract {
  @TempDir Path dir;

  /** The configuration under test. */
  abstract Classifier classifier();

  /** Training data with at least two classes. */
  abstract Dataset data();

  /** Whether the head gives one probability per class that sums to 1 (all current heads do). */
  boolean probabilitiesSumToOne() {
    return true;
  }

  @Test
  void probabilitiesAreHonestAndPredictIsTheArgmax() {
    Dataset data = data();
    Model model = classifier().fit(data);
    double[][] probs = model.predictProba(data);
    int[] predicted = model.predict(data);
    for (int r = 0; r < data.size(); r++) {
      assertThat(probs[r]).hasSize(model.classes().size());
      double sum = 0;
      for (double p : probs[r]) {
        assertThat(p).isBetween(0.0, 1.0);
        sum += p;
      }
      if (probabilitiesSumToOne()) {
        assertThat(sum).isCloseTo(1.0, within(1e-9));
      }
      assertThat(predicted[r]).isEqualTo(Model.argmax(probs[r]));
    }
  }

  @Test
  void saveThenLoadPredictsBitIdentically() {
    Dataset data = data();
    Model model = classifier().fit(data);
    Path file = dir.resolve("model.softclass");
    model.save(file);
    Model loaded = Model.load(file);
    assertThat(loaded.predictProba(data)).isDeepEqualTo(model.predictProba(data));
    assertThat(loaded.classes()).isEqualTo(model.classes());
    assertThat(loaded.outputLayer()).isEqualTo(model.outputLayer());
  }

  @Test
  void sameSeedGivesTheSameModel() {
    Dataset data = data();
    assertThat(classifier().seed(7).fit(data).outputLayer())
        .isEqualTo(classifier().seed(7).fit(data).outputLayer());
  }

  @Test
  void threadCountDoesNotChangeTheModel() {
    Dataset data = data();
    assertThat(classifier().threads(1).fit(data).outputLayer())
        .isEqualTo(classifier().threads(3).fit(data).outputLayer());
  }

  @Test
  void nanInTrainingDataIsRefused() {
    Dataset data = data();
    float[] first = data.features().denseRow(0);
    first[0] = Float.NaN;
    double[][] x = {toDouble(first), toDouble(data.features().denseRow(1))};
    Dataset bad = Dataset.of(x, new String[] {"a", "b"});
    assertThatThrownBy(() -> classifier().fit(bad))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("row 0")
        .hasMessageContaining("NaN");
  }

  @Test
  void nanInARowToPredictIsRefused() {
    Model model = classifier().fit(data());
    float[] row = new float[model.numFeatures()];
    row[row.length - 1] = Float.NaN;
    assertThatThrownBy(() -> model.predictProba(row))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("finite");
  }

  @Test
  void classesTheModelNeverSawAreRefused() {
    Model model = classifier().fit(data());
    int d = model.numFeatures();
    DataTable unseen =
        new DataTable(
            "unseen.csv",
            new DenseMatrix(new float[d], 1, d),
            new String[] {"never-seen"},
            model.featureNames(),
            new long[] {2},
            false);
    assertThatThrownBy(() -> unseen.toDataset(model.encoder()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("unseen.csv, line 2")
        .hasMessageContaining("never-seen");
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** Gaussian blobs, one per class, in {@code d} dimensions. */
  static Dataset blobs(long seed, int n, int d, List<String> classes) {
    java.util.Random random = new java.util.Random(seed);
    double[][] x = new double[n][d];
    String[] y = new String[n];
    for (int i = 0; i < n; i++) {
      int c = i % classes.size();
      y[i] = classes.get(c);
      for (int j = 0; j < d; j++) {
        x[i][j] = random.nextGaussian() * (1 + j) + (j % classes.size() == c ? 1.5 : 0);
      }
    }
    return Dataset.of(x, y);
  }
}
