package dev.softclass.calibrate;

import dev.softclass.SoftclassException;
import dev.softclass.data.LabelSets;
import dev.softclass.head.Head;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.SigmoidHead;
import java.util.ArrayList;
import java.util.List;

/**
 * Platt scaling of each label of a multi-label model: {@code P(label k) = sigmoid(a_k z_k + b_k)},
 * where {@code z_k} is the label's logit (its log-odds), each pair fitted as {@link PlattScaling}
 * fits a binary model on that label's yes/no truth. Immutable.
 *
 * @param labels one Platt scaling per label, in label order
 */
public record PerLabelPlattScaling(List<PlattScaling> labels) implements Calibrator {
  /**
   * @throws IllegalArgumentException if there is no label
   */
  public PerLabelPlattScaling {
    labels = List.copyOf(labels);
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("per-label Platt scaling needs at least one label");
    }
  }

  @Override
  public CalibrationMethod method() {
    return CalibrationMethod.PLATT;
  }

  @Override
  public void probabilities(Head head, double[] logits, double[] probs) {
    if (logits.length != labels.size()) {
      throw new IllegalArgumentException(
          logits.length + " logits for a calibration of " + labels.size() + " labels");
    }
    for (int k = 0; k < logits.length; k++) {
      PlattScaling p = labels.get(k);
      probs[k] = SigmoidHead.sigmoid(p.a() * logits[k] + p.b());
    }
  }

  /**
   * Fits one Platt scaling per label.
   *
   * @param head the model's head (independent sigmoids)
   * @param logits one row of logits per example
   * @param truth the label set of each example
   * @throws SoftclassException unless the head is multi-label and there are rows
   */
  public static PerLabelPlattScaling fit(Head head, double[][] logits, LabelSets truth) {
    if (!(head instanceof IndependentSigmoidHead)) {
      throw new SoftclassException("per-label Platt scaling is for multi-label models");
    }
    int n = logits.length;
    if (n == 0) {
      throw new SoftclassException("calibration needs at least one labelled row");
    }
    List<PlattScaling> fitted = new ArrayList<>();
    double[] s = new double[n];
    int[] t = new int[n];
    for (int k = 0; k < head.numOutputs(); k++) {
      for (int i = 0; i < n; i++) {
        s[i] = logits[i][k];
        t[i] = truth.contains(i, k) ? 1 : 0;
      }
      fitted.add(PlattScaling.fitScores(s, t));
    }
    return new PerLabelPlattScaling(fitted);
  }
}
