package dev.softclass.calibrate;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.balance.BalanceSettings;
import dev.softclass.data.Dataset;
import dev.softclass.head.Head;
import dev.softclass.head.HeadType;
import dev.softclass.preprocess.PreprocessSettings;
import dev.softclass.select.StratifiedKFold;
import java.util.Map;

/**
 * Fits a {@link Calibrator} to a model, on held-out data or by cross-validation. The calibrator is
 * always fitted on the model's raw (uncalibrated) logits, so calibrating again replaces an earlier
 * calibration rather than stacking on it.
 */
public final class Calibration {
  private Calibration() {}

  /**
   * Fits a calibrator of the given method to logits.
   *
   * @param head the head that produced the logits
   * @param logits one row of logits per example
   * @param truth the true class per example
   * @throws SoftclassException if there are no rows, Platt scaling is asked of a multi-class head,
   *     or the head is a hinge head (already Platt-scaled)
   */
  public static Calibrator fit(
      CalibrationMethod method, Head head, double[][] logits, int[] truth) {
    if (head instanceof dev.softclass.head.HingeHead) {
      throw new SoftclassException(
          "a hinge model's probabilities are already Platt-scaled, fitted on held-out folds when"
              + " it was trained: calibrate does not apply to it");
    }
    return switch (method) {
      case TEMPERATURE -> TemperatureScaling.fit(head, logits, truth);
      case PLATT -> PlattScaling.fit(head, logits, truth);
      case ISOTONIC -> IsotonicCalibration.fit(head, logits, truth);
    };
  }

  /**
   * {@code model} calibrated on held-out labelled data (data it was not trained on).
   *
   * @throws SoftclassException if the data have no labels or the method does not fit the model
   */
  public static Model onHeldOut(Model model, Dataset heldOut, CalibrationMethod method) {
    requireLabels(heldOut);
    if (model.isMultiLabel()) {
      return model.withCalibrator(perLabel(model, model.logits(heldOut), heldOut, method));
    }
    Calibrator c = fit(method, model.head(), model.logits(heldOut), heldOut.labels());
    return model.withCalibrator(c);
  }

  /**
   * Platt scaling per label for a multi-label model: its labels are separate yes/no questions, so a
   * method that rescales all logits together (temperature) or ranks classes (isotonic) does not
   * apply.
   */
  private static Calibrator perLabel(
      Model model, double[][] logits, Dataset data, CalibrationMethod method) {
    if (method != CalibrationMethod.PLATT) {
      throw new SoftclassException(
          "a multi-label model is calibrated per label: use Platt scaling, not "
              + method.name().toLowerCase(java.util.Locale.ROOT));
    }
    return PerLabelPlattScaling.fit(model.head(), logits, data.labelSets());
  }

  /**
   * {@code model} calibrated by {@code folds}-fold cross-validation on its training data: the
   * calibrator is fitted on {@link #outOfFoldLogits} (scikit-learn's {@code
   * CalibratedClassifierCV(ensemble=False)}). The model's own weights are not changed.
   *
   * @param train the data the model was trained on
   * @throws SoftclassException if the data have no labels, a class has fewer rows than folds, or
   *     training fails
   */
  public static Model crossValidated(
      Model model, Dataset train, CalibrationMethod method, int folds, long seed) {
    double[][] logits = outOfFoldLogits(model, train, folds, seed);
    if (model.isMultiLabel()) {
      return model.withCalibrator(perLabel(model, logits, train, method));
    }
    return model.withCalibrator(fit(method, model.head(), logits, train.labels()));
  }

  /**
   * Out-of-fold logits for every row of {@code train}: the model's recorded training settings are
   * refitted on all folds but one, and each row gets the logits of the model that did not see it.
   * Folds are stratified by class; multi-label rows are shuffled and dealt to the folds in turn.
   *
   * @throws SoftclassException if the data have no labels, a class has fewer rows than folds, or
   *     training fails
   */
  public static double[][] outOfFoldLogits(Model model, Dataset train, int folds, long seed) {
    requireLabels(train);
    Map<String, Object> recorded = model.info().training();
    Classifier classifier =
        Classifier.fromParams(recorded)
            .preprocessing(PreprocessSettings.fromParams(recorded))
            .balance(BalanceSettings.fromParams(recorded));
    StratifiedKFold kfold =
        train.hasLabelSets()
            ? shuffledFolds(train.size(), folds, seed)
            : StratifiedKFold.of(train, folds, seed);
    double[][] logits = new double[train.size()][];
    for (int f = 0; f < folds; f++) {
      Model foldModel = classifier.fit(train.subset(kfold.training(f)));
      if (!foldModel.head().name().equals(model.head().name())) {
        foldModel = foldModel.withHead(HeadType.parse(model.head().name()));
      }
      int[] heldOut = kfold.heldOut(f);
      double[][] foldLogits = foldModel.logits(train.subset(heldOut));
      for (int i = 0; i < heldOut.length; i++) {
        logits[heldOut[i]] = foldLogits[i];
      }
    }
    return logits;
  }

  /** Rows shuffled with a seeded generator and dealt to the folds in turn. */
  private static StratifiedKFold shuffledFolds(int rows, int folds, long seed) {
    if (folds < 2 || folds > rows) {
      throw new SoftclassException(
          "cross-validation needs between 2 and " + rows + " folds (the rows), got " + folds);
    }
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      order[i] = i;
    }
    java.util.Random random = new java.util.Random(seed);
    for (int i = rows - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] foldOf = new int[rows];
    for (int i = 0; i < rows; i++) {
      foldOf[order[i]] = i % folds;
    }
    return new StratifiedKFold(foldOf, folds);
  }

  private static void requireLabels(Dataset data) {
    if (!data.hasLabels() && !data.hasLabelSets()) {
      throw new SoftclassException(data.source() + ": calibration needs a label for every row");
    }
  }
}
