package dev.softclass.train;

import dev.softclass.SoftclassException;
import dev.softclass.calibrate.PlattScaling;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.head.HingeHead;
import dev.softclass.head.OutputLayer;
import dev.softclass.select.StratifiedKFold;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits a hinge head's Platt parameters on held-out decision values, as LIBSVM's {@code -b 1} and
 * scikit-learn's {@code CalibratedClassifierCV(ensemble=False)} do: the rows are dealt to
 * stratified folds (5, or fewer when a class has fewer rows), an SVM trained on the other folds
 * gives each held-out row its decision values, and one Platt sigmoid per output is fitted by
 * maximum likelihood to the pooled held-out values (output {@code k} against "the row's class is
 * {@code k}"; for two classes the single output against class 1). The final SVM is trained on all
 * rows by the caller. Stateless.
 */
final class PlattCrossFit {
  /** The most folds used. */
  static final int FOLDS = 5;

  private PlattCrossFit() {}

  /** Trains the weights of an SVM on some rows. */
  @FunctionalInterface
  interface WeightFitter {
    /**
     * @param x the training rows (already preprocessed)
     * @param y their classes
     * @param weights their loss weights, or null
     */
    OutputLayer fit(FeatureMatrix x, int[] y, double[] weights);
  }

  /** The head with Platt parameters, and the number of folds used. */
  record Result(HingeHead head, int folds) {}

  /**
   * Cross-fits the Platt parameters of {@code head}.
   *
   * @param numClasses the number of classes
   * @param weights per-row loss weights, or null
   * @throws SoftclassException if a class present in {@code y} has a single row
   */
  static Result fit(
      HingeHead head, FeatureMatrix x, int[] y, double[] weights, long seed, WeightFitter fitter) {
    int numClasses = head.numClasses();
    List<List<Integer>> byClass = new ArrayList<>();
    for (int k = 0; k < numClasses; k++) {
      byClass.add(new ArrayList<>());
    }
    for (int r = 0; r < y.length; r++) {
      byClass.get(y[r]).add(r);
    }
    int folds = FOLDS;
    for (List<Integer> rows : byClass) {
      if (!rows.isEmpty()) {
        folds = Math.min(folds, rows.size());
      }
    }
    if (folds < 2) {
      throw new SoftclassException(
          "Platt scaling of the hinge head fits on held-out rows, so every class needs at least 2"
              + " training rows; one class has a single row");
    }
    int[] foldOf = new int[y.length];
    SplittableRandom random = new SplittableRandom(seed ^ 0x5eed_91a7L);
    int next = 0;
    for (List<Integer> rows : byClass) {
      int[] shuffled = rows.stream().mapToInt(Integer::intValue).toArray();
      for (int i = shuffled.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = t;
      }
      for (int r : shuffled) {
        foldOf[r] = next;
        next = (next + 1) % folds;
      }
    }
    StratifiedKFold split = new StratifiedKFold(foldOf, folds);
    int outputs = head.numOutputs();
    double[][] decision = new double[outputs][y.length];
    double[] logits = new double[outputs];
    for (int f = 0; f < folds; f++) {
      int[] train = split.training(f);
      int[] heldOut = split.heldOut(f);
      OutputLayer layer =
          fitter.fit(
              x.select(train), select(y, train), weights == null ? null : select(weights, train));
      for (int r : heldOut) {
        logitsOf(layer, x, r, logits);
        for (int k = 0; k < outputs; k++) {
          decision[k][r] = logits[k];
        }
      }
    }
    double[] a = new double[outputs];
    double[] b = new double[outputs];
    int[] truth = new int[y.length];
    for (int k = 0; k < outputs; k++) {
      int positive = numClasses == 2 ? 1 : k;
      for (int r = 0; r < y.length; r++) {
        truth[r] = y[r] == positive ? 1 : 0;
      }
      PlattScaling platt = PlattScaling.fitScores(decision[k], truth);
      a[k] = platt.a();
      b[k] = platt.b();
    }
    return new Result(head.withPlatt(a, b), folds);
  }

  /** The decision values of row {@code r} of {@code x}. */
  static void logitsOf(OutputLayer layer, FeatureMatrix x, int r, double[] logits) {
    if (x instanceof DenseMatrix d) {
      layer.logits(d.data(), d.offset(r), logits);
    } else {
      CsrMatrix m = (CsrMatrix) x;
      int[] ptr = m.rowPtr();
      layer.logits(m.indices(), m.values(), ptr[r], ptr[r + 1], logits);
    }
  }

  private static int[] select(int[] v, int[] rows) {
    int[] out = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = v[rows[i]];
    }
    return out;
  }

  private static double[] select(double[] v, int[] rows) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = v[rows[i]];
    }
    return out;
  }
}
