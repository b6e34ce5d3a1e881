package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.LabelEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of trained logistic models on random problems: probabilities sum to one and the
 * predicted class is their argmax, for dense and sparse data, binary and multiclass.
 */
class LogisticPropertyTest {
  private static final int PROBLEMS = 6;

  /** Labels from a random linear teacher with noise, so every problem is learnable but not easy. */
  private static int[] teacherLabels(Random random, float[][] rows, int k) {
    int d = rows[0].length;
    double[][] w = new double[k][d];
    for (double[] wk : w) {
      for (int j = 0; j < d; j++) {
        wk[j] = random.nextGaussian();
      }
    }
    int[] y = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double score = random.nextGaussian() * 0.5;
        for (int j = 0; j < d; j++) {
          score += w[c][j] * rows[r][j];
        }
        if (score > best) {
          best = score;
          y[r] = c;
        }
      }
    }
    // Make sure every class is present (a guard rail refuses single-class data).
    for (int c = 0; c < k; c++) {
      y[c] = c;
    }
    return y;
  }

  private static Dataset dataset(FeatureMatrixRows rows, int[] y, int k) {
    List<String> names = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      names.add("class" + c);
    }
    return new Dataset(rows.matrix, y, LabelEncoder.ofClasses(names), null, "random", null, false);
  }

  private record FeatureMatrixRows(dev.softclass.data.FeatureMatrix matrix, float[][] rows) {}

  private static FeatureMatrixRows dense(Random random, int n, int d) {
    float[][] rows = new float[n][d];
    float[] flat = new float[n * d];
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        // Mixed scales and offsets so that the scaling matters.
        rows[r][j] = (float) (random.nextGaussian() * (j + 1) * 3 + j);
        flat[r * d + j] = rows[r][j];
      }
    }
    return new FeatureMatrixRows(new DenseMatrix(flat, n, d), rows);
  }

  private static FeatureMatrixRows sparse(Random random, int n, int d) {
    float[][] rows = new float[n][d];
    int[] ptr = new int[n + 1];
    List<Integer> idx = new ArrayList<>();
    List<Float> val = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < d; j++) {
        if (random.nextDouble() < 0.3) {
          float v = (float) (random.nextGaussian() * 5);
          rows[r][j] = v;
          idx.add(j);
          val.add(v);
        }
      }
      ptr[r + 1] = idx.size();
    }
    float[] values = new float[val.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = val.get(i);
    }
    int[] indices = idx.stream().mapToInt(Integer::intValue).toArray();
    return new FeatureMatrixRows(new CsrMatrix(ptr, indices, values, d), rows);
  }

  private static void checkModel(Model model, Dataset data, float[][] rows, String what) {
    int k = model.classes().size();
    double[][] batch = model.predictProba(data);
    int[] batchPredicted = model.predict(data);
    for (int r = 0; r < rows.length; r++) {
      double[] p = model.predictProba(rows[r]);
      assertThat(p).as("%s row %s", what, r).hasSize(k);
      assertThat(Arrays.stream(p)).as("%s row %s", what, r).allMatch(v -> v >= 0 && v <= 1);
      assertThat(Arrays.stream(p).sum()).as("%s row %s", what, r).isCloseTo(1.0, within(1e-9));
      int argmax = 0;
      for (int c = 1; c < k; c++) {
        if (p[c] > p[argmax]) {
          argmax = c;
        }
      }
      assertThat(model.predict(rows[r])).as("%s row %s", what, r).isEqualTo(argmax);
      assertThat(model.predictLabel(rows[r])).isEqualTo("class" + argmax);
      assertThat(batch[r]).as("%s batch row %s", what, r).containsExactly(p, within(1e-12));
      assertThat(Arrays.stream(batch[r]).sum()).isCloseTo(1.0, within(1e-9));
      assertThat(batchPredicted[r]).isEqualTo(Model.argmax(batch[r]));
    }
  }

  @Test
  void denseModelsGiveNormalisedProbabilitiesAndArgmaxPredictions() {
    Random random = new Random(20240601L);
    for (int problem = 0; problem < PROBLEMS; problem++) {
      int n = 40 + random.nextInt(80);
      int d = 1 + random.nextInt(6);
      int k = 2 + random.nextInt(3);
      FeatureMatrixRows x = dense(random, n, d);
      Dataset data = dataset(x, teacherLabels(random, x.rows(), k), k);

      Model model = Classifier.logistic().seed(problem).fit(data);

      assertThat(model.head().numClasses()).isEqualTo(k);
      checkModel(model, data, x.rows(), "dense problem " + problem);
      FeatureMatrixRows unseen = dense(random, 30, d);
      Dataset unseenData = dataset(unseen, new int[30], k);
      checkModel(model, unseenData, unseen.rows(), "dense problem " + problem + " unseen");
    }
  }

  @Test
  void sparseModelsGiveNormalisedProbabilitiesAndArgmaxPredictions() {
    Random random = new Random(77L);
    for (int problem = 0; problem < PROBLEMS; problem++) {
      int n = 40 + random.nextInt(80);
      int d = 3 + random.nextInt(20);
      int k = 2 + random.nextInt(3);
      FeatureMatrixRows x = sparse(random, n, d);
      Dataset data = dataset(x, teacherLabels(random, x.rows(), k), k);

      Model model = Classifier.logistic().fit(data);

      checkModel(model, data, x.rows(), "sparse problem " + problem);
      CsrMatrix m = (CsrMatrix) x.matrix();
      for (int r = 0; r < n; r++) {
        int from = m.rowPtr()[r];
        int to = m.rowPtr()[r + 1];
        double[] viaSparse =
            model.predictProba(
                Arrays.copyOfRange(m.indices(), from, to),
                Arrays.copyOfRange(m.values(), from, to));
        assertThat(viaSparse).containsExactly(model.predictProba(x.rows()[r]));
      }
    }
  }

  @Test
  void extremeInputsStillGiveNormalisedProbabilities() {
    Random random = new Random(5);
    FeatureMatrixRows x = dense(random, 60, 3);
    Dataset data = dataset(x, teacherLabels(random, x.rows(), 3), 3);
    Model model = Classifier.logistic().l2(0).fit(data);

    float big = 3e38f;
    for (float[] row :
        new float[][] {{big, -big, big}, {-big, -big, -big}, {0, 0, 0}, {1e-30f, big, 0}}) {
      double[] p = model.predictProba(row);
      assertThat(Arrays.stream(p)).allMatch(Double::isFinite);
      assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-9));
      assertThat(model.predict(row)).isEqualTo(Model.argmax(p));
    }
  }
}
