package dev.softclass.ensemble;

import dev.softclass.Model;
import dev.softclass.ModelInfo;
import dev.softclass.Predictor;
import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import dev.softclass.data.LabelEncoder;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Several models with the same classes and features, combined into one predictor: by soft voting
 * (the weighted mean of their class probabilities) or by stacking (a logistic-regression meta-model
 * over their probabilities, see {@link Stacking}). Decisions are the argmax of the combined
 * probabilities. Immutable and thread-safe.
 */
public final class Ensemble implements Predictor {
  private final List<Model> members;
  private final double[] weights;
  private final Model meta;
  private final ModelInfo info;

  /**
   * @param members at least two models with identical class lists and feature names
   * @param weights one weight > 0 per member (soft voting; ignored by stacking)
   * @param meta the stacking meta-model over {@link #metaFeatures}, or null for soft voting
   * @param info what to record about the ensemble
   * @throws SoftclassException if the members do not fit together or a weight is not > 0
   */
  Ensemble(List<Model> members, double[] weights, Model meta, ModelInfo info) {
    this.members = List.copyOf(members);
    this.weights = weights.clone();
    this.meta = meta;
    this.info = info;
    requireCompatible(this.members);
    if (weights.length != members.size()) {
      throw new SoftclassException(
          weights.length + " weights given for " + members.size() + " models");
    }
    for (double w : weights) {
      if (!(w > 0) || !Double.isFinite(w)) {
        throw new SoftclassException("every ensemble weight must be a finite number > 0, got " + w);
      }
    }
    if (meta != null && meta.numFeatures() != metaWidth()) {
      throw new IllegalArgumentException(
          "the meta-model takes " + meta.numFeatures() + " features, not " + metaWidth());
    }
  }

  /**
   * Soft voting: {@code p = sum_i w_i p_i / sum_i w_i}.
   *
   * @param weights one per member, each > 0; null for equal weights
   * @throws SoftclassException if there are fewer than two models, their classes or features
   *     differ, or a weight is not > 0
   */
  public static Ensemble softVoting(List<Model> members, double[] weights) {
    double[] w = weights;
    if (w == null) {
      w = new double[members.size()];
      java.util.Arrays.fill(w, 1.0);
    }
    java.util.Map<String, Object> training = new java.util.LinkedHashMap<>();
    training.put("ensemble", "soft_voting");
    training.put("members", members.size());
    training.put("weights", java.util.Arrays.stream(w).boxed().toList());
    return new Ensemble(
        members,
        w,
        null,
        new ModelInfo(training, java.util.Map.of(), ModelInfo.currentProvenance()));
  }

  /** Checks that the models can be combined: two or more, same classes, same features. */
  static void requireCompatible(List<Model> members) {
    if (members.size() < 2) {
      throw new SoftclassException("an ensemble needs at least two models, got " + members.size());
    }
    Model first = members.get(0);
    for (int i = 1; i < members.size(); i++) {
      Model m = members.get(i);
      if (!m.classes().equals(first.classes())) {
        throw new SoftclassException(
            "model "
                + (i + 1)
                + " has classes "
                + m.classes()
                + " but model 1 has "
                + first.classes()
                + ": an ensemble combines models of the same labels");
      }
      if (!m.featureNames().equals(first.featureNames())) {
        throw new SoftclassException(
            "model "
                + (i + 1)
                + " has "
                + m.numFeatures()
                + " features "
                + preview(m.featureNames())
                + " but model 1 has "
                + first.numFeatures()
                + " "
                + preview(first.featureNames())
                + ": an ensemble combines models trained on the same columns");
      }
    }
  }

  private static String preview(List<String> names) {
    return names.size() <= 5 ? names.toString() : names.subList(0, 5) + "...";
  }

  /** The members, in order. */
  public List<Model> members() {
    return members;
  }

  /** The soft-voting weights, one per member (as given, not normalised). */
  public double[] weights() {
    return weights.clone();
  }

  /** The stacking meta-model, if this ensemble stacks. */
  public Optional<Model> meta() {
    return Optional.ofNullable(meta);
  }

  /** "soft_voting" or "stacking". */
  public String method() {
    return meta == null ? "soft_voting" : "stacking";
  }

  /**
   * Number of meta-features: each member's probability of class 1 for binary models, or all its
   * class probabilities for more classes (as scikit-learn's {@code StackingClassifier}).
   */
  int metaWidth() {
    int k = classes().size();
    return members.size() * (k == 2 ? 1 : k);
  }

  /** The meta-model's input for one row, from each member's probabilities. */
  static float[] metaFeatures(double[][] memberProbs) {
    int k = memberProbs[0].length;
    int per = k == 2 ? 1 : k;
    float[] out = new float[memberProbs.length * per];
    for (int i = 0; i < memberProbs.length; i++) {
      for (int c = 0; c < per; c++) {
        out[i * per + c] = (float) memberProbs[i][k == 2 ? 1 : c];
      }
    }
    return out;
  }

  /** The combined probabilities from each member's probabilities for one row. */
  double[] combine(double[][] memberProbs) {
    if (meta != null) {
      return meta.predictProba(metaFeatures(memberProbs));
    }
    int k = memberProbs[0].length;
    double[] p = new double[k];
    double total = 0;
    for (int i = 0; i < memberProbs.length; i++) {
      total += weights[i];
      for (int c = 0; c < k; c++) {
        p[c] += weights[i] * memberProbs[i][c];
      }
    }
    for (int c = 0; c < k; c++) {
      p[c] /= total;
    }
    return p;
  }

  @Override
  public double[] predictProba(float[] row) {
    double[][] probs = new double[members.size()][];
    for (int i = 0; i < probs.length; i++) {
      probs[i] = members.get(i).predictProba(row);
    }
    return combine(probs);
  }

  @Override
  public double[] predictProba(int[] indices, float[] values) {
    double[][] probs = new double[members.size()][];
    for (int i = 0; i < probs.length; i++) {
      probs[i] = members.get(i).predictProba(indices, values);
    }
    return combine(probs);
  }

  @Override
  public double[][] predictProba(Dataset data) {
    double[][][] byMember = new double[members.size()][][];
    for (int i = 0; i < byMember.length; i++) {
      byMember[i] = members.get(i).predictProba(data);
    }
    double[][] out = new double[data.size()][];
    double[][] row = new double[members.size()][];
    for (int r = 0; r < out.length; r++) {
      for (int i = 0; i < row.length; i++) {
        row[i] = byMember[i][r];
      }
      out[r] = combine(row);
    }
    return out;
  }

  @Override
  public int decide(double[] probs) {
    return Model.argmax(probs);
  }

  @Override
  public List<String> classes() {
    return members.get(0).classes();
  }

  @Override
  public LabelEncoder encoder() {
    return members.get(0).encoder();
  }

  @Override
  public List<String> featureNames() {
    return members.get(0).featureNames();
  }

  @Override
  public int numFeatures() {
    return members.get(0).numFeatures();
  }

  @Override
  public String task() {
    return members.get(0).task();
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  /**
   * The first member's fill values: members trained on the same data share them, and a missing
   * value stands for the same number in every member's row.
   */
  @Override
  public float[] missingValueFill() {
    return members.get(0).missingValueFill();
  }

  /** This ensemble with other info. */
  public Ensemble withInfo(ModelInfo newInfo) {
    return new Ensemble(members, weights, meta, newInfo);
  }

  /** Saves the whole ensemble in one file; see {@link EnsembleFile}. */
  @Override
  public void save(Path file) {
    EnsembleFile.write(this, file);
  }
}
