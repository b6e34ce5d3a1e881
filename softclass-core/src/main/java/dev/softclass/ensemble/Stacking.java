package dev.softclass.ensemble;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.calibrate.Calibration;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.preprocess.ScaleMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stacking (scikit-learn's {@code StackingClassifier} with its default logistic-regression final
 * estimator): each member's recorded training settings are refitted on {@code folds} stratified
 * folds of the training data to give out-of-fold probabilities for every row, and a logistic
 * regression learns to combine them. The members themselves are used as given (trained on all the
 * data), as scikit-learn does.
 */
public final class Stacking {
  private Stacking() {}

  /**
   * Fits a stacking ensemble.
   *
   * @param members at least two models with the same classes and features, each with the training
   *     settings it was made with (as every trained model records)
   * @param train the labelled data the members were trained on
   * @param folds stratified folds for the out-of-fold probabilities, at least 2
   * @param seed seed of the folds
   * @throws SoftclassException if the members do not fit together, the data have other classes, or
   *     a class has fewer rows than folds
   */
  public static Ensemble fit(List<Model> members, Dataset train, int folds, long seed) {
    Ensemble.requireCompatible(members);
    if (!train.hasLabels()) {
      throw new SoftclassException(train.source() + ": stacking needs a label for every row");
    }
    List<String> classes = members.get(0).classes();
    if (!train.encoder().classes().equals(classes)) {
      throw new SoftclassException(
          train.source()
              + " has classes "
              + train.encoder().classes()
              + " but the models have "
              + classes);
    }
    double[][][] oof = new double[members.size()][][];
    for (int i = 0; i < members.size(); i++) {
      Model m = members.get(i);
      double[][] logits = Calibration.outOfFoldLogits(m, train, folds, seed);
      oof[i] = new double[logits.length][];
      for (int r = 0; r < logits.length; r++) {
        oof[i][r] = m.probabilities(logits[r]);
      }
    }
    int n = train.size();
    int k = classes.size();
    int per = k == 2 ? 1 : k;
    int width = members.size() * per;
    float[] x = new float[n * width];
    double[][] row = new double[members.size()][];
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < row.length; i++) {
        row[i] = oof[i][r];
      }
      System.arraycopy(Ensemble.metaFeatures(row), 0, x, r * width, width);
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      for (int c = 0; c < per; c++) {
        names.add("model" + (i + 1) + ":p_" + classes.get(k == 2 ? 1 : c));
      }
    }
    Dataset metaData =
        new Dataset(
            new DenseMatrix(x, n, width),
            train.labels(),
            train.encoder(),
            names,
            train.source() + " (out-of-fold probabilities)",
            null,
            false);
    // scikit-learn's LogisticRegression() defaults: C = 1 on unscaled inputs, l2 = 1 / (C n).
    Model meta = Classifier.logistic().l2(1.0 / n).scale(ScaleMode.NONE).threads(1).fit(metaData);
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("ensemble", "stacking");
    training.put("members", members.size());
    training.put("data", train.source());
    training.put("rows", n);
    training.put("folds", folds);
    training.put("seed", seed);
    double[] ones = new double[members.size()];
    Arrays.fill(ones, 1.0);
    return new Ensemble(
        members, ones, meta, new ModelInfo(training, Map.of(), ModelInfo.currentProvenance()));
  }
}
