package dev.softclass;

import dev.softclass.body.Body;
import dev.softclass.calibrate.Calibrator;
import dev.softclass.calibrate.IsotonicCalibration;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.calibrate.Threshold;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.data.LabelEncoder;
import dev.softclass.data.TextColumns;
import dev.softclass.guard.DataChecks;
import dev.softclass.head.Head;
import dev.softclass.head.HeadType;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.OutputLayer;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import dev.softclass.io.ModelFile;
import dev.softclass.preprocess.ColumnEncoder;
import dev.softclass.preprocess.FeatureTransform;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A trained classifier: preprocessing, a body, a head with its output layer, and the class names.
 * Immutable and thread-safe: any number of threads may predict at once.
 *
 * <p>Probabilities come in {@link #classes()} order and sum to 1; when the model carries a {@link
 * Calibrator} they are the calibrated ones. {@link #predict} is the argmax of {@link #predictProba}
 * (the lowest class index on a tie), or, for a binary model with a decision {@link Threshold},
 * class 1 when its probability reaches the threshold.
 */
public final class Model implements Predictor {
  private final LabelEncoder classes;
  private final List<String> featureNames;
  private final ColumnEncoder columns;
  private final FeatureTransform transform;
  private final Body body;
  private final Head head;
  private final OutputLayer output;
  private final ModelInfo info;
  private final Calibrator calibrator;
  private final Threshold threshold;
  private final LabelDecision labelDecision;

  /**
   * Assembles a model from its parts (trainers and the model file reader do this).
   *
   * @throws IllegalArgumentException if the parts' shapes do not fit together
   */
  public Model(
      LabelEncoder classes,
      List<String> featureNames,
      FeatureTransform transform,
      Body body,
      Head head,
      OutputLayer output,
      ModelInfo info) {
    this(classes, featureNames, transform, body, head, output, info, null, null);
  }

  /**
   * Assembles a model whose raw numeric columns go straight to {@code transform} (every model
   * before the column pipeline).
   */
  public Model(
      LabelEncoder classes,
      List<String> featureNames,
      FeatureTransform transform,
      Body body,
      Head head,
      OutputLayer output,
      ModelInfo info,
      Calibrator calibrator,
      Threshold threshold) {
    this(classes, featureNames, transform, body, head, output, info, calibrator, threshold, null);
  }

  /**
   * Assembles a model whose raw numeric columns go straight to {@code transform}, with an optional
   * calibrator, binary decision threshold and multi-label decision.
   *
   * @param labelDecision how a multi-label model chooses labels, or null ({@link
   *     LabelDecision#DEFAULT} for a multi-label model)
   * @throws IllegalArgumentException as the other constructors, and for a label decision on a
   *     single-label model or with per-label thresholds of another length
   */
  public Model(
      LabelEncoder classes,
      List<String> featureNames,
      FeatureTransform transform,
      Body body,
      Head head,
      OutputLayer output,
      ModelInfo info,
      Calibrator calibrator,
      Threshold threshold,
      LabelDecision labelDecision) {
    this(
        classes,
        featureNames,
        ColumnEncoder.identity(featureNames),
        transform,
        body,
        head,
        output,
        info,
        calibrator,
        threshold,
        labelDecision);
  }

  /**
   * Assembles a model from all its parts: a column encoder (one-hot encoding, missing indicators,
   * dropped columns), and an optional calibrator, binary decision threshold and multi-label
   * decision.
   *
   * @param featureNames the raw input columns
   * @param columns maps the raw columns to the inputs of {@code transform}
   * @param calibrator applied by {@link #predictProba}, or null for the head's own probabilities
   * @param threshold the binary decision threshold, or null for argmax decisions
   * @param labelDecision how a multi-label model chooses labels, or null ({@link
   *     LabelDecision#DEFAULT} for a multi-label model)
   * @throws IllegalArgumentException if the parts' shapes do not fit together, the calibrator is
   *     for another number of classes, a threshold is given for a multi-class model, or a label
   *     decision for a single-label model or with per-label thresholds of another length
   */
  public Model(
      LabelEncoder classes,
      List<String> featureNames,
      ColumnEncoder columns,
      FeatureTransform transform,
      Body body,
      Head head,
      OutputLayer output,
      ModelInfo info,
      Calibrator calibrator,
      Threshold threshold,
      LabelDecision labelDecision) {
    boolean multiLabel = head instanceof IndependentSigmoidHead;
    if (labelDecision != null && !multiLabel) {
      throw new IllegalArgumentException("a label decision needs a multi-label model");
    }
    if (labelDecision != null
        && labelDecision.perLabel() != null
        && labelDecision.perLabel().length != classes.size()) {
      throw new IllegalArgumentException(
          labelDecision.perLabel().length
              + " per-label thresholds for "
              + classes.size()
              + " labels");
    }
    this.labelDecision =
        multiLabel && labelDecision == null ? LabelDecision.DEFAULT : labelDecision;
    this.calibrator = calibrator;
    this.threshold = threshold;
    this.classes = Objects.requireNonNull(classes);
    this.featureNames = List.copyOf(featureNames);
    this.columns = Objects.requireNonNull(columns);
    this.transform = Objects.requireNonNull(transform);
    this.body = Objects.requireNonNull(body);
    this.head = Objects.requireNonNull(head);
    this.output = Objects.requireNonNull(output);
    this.info = Objects.requireNonNull(info);
    int d = featureNames.size();
    if (columns.inputDim() != d
        || transform.dim() != columns.outputDim()
        || output.inputs() != body.outputDim(transform.dim())) {
      throw new IllegalArgumentException(
          "shapes differ: "
              + d
              + " feature names, column encoder "
              + columns.inputDim()
              + " -> "
              + columns.outputDim()
              + ", transform of "
              + transform.dim()
              + ", output layer input "
              + output.inputs());
    }
    if (head.numOutputs() != output.outputs() || head.numClasses() != classes.size()) {
      throw new IllegalArgumentException(
          "head "
              + head.name()
              + " has "
              + head.numOutputs()
              + " outputs for "
              + head.numClasses()
              + " classes; output layer has "
              + output.outputs()
              + " rows and there are "
              + classes.size()
              + " class names");
    }
    if (threshold != null && (classes.size() != 2 || multiLabel)) {
      throw new IllegalArgumentException(
          "a decision threshold needs a binary model, not " + classes.size() + " classes");
    }
    if (calibrator instanceof IsotonicCalibration iso && iso.numClasses() != classes.size()) {
      throw new IllegalArgumentException(
          "the isotonic calibration is for "
              + iso.numClasses()
              + " classes, the model has "
              + classes.size());
    }
  }

  /** Reads a model saved by {@link #save}; see {@link ModelFile#read}. */
  public static Model load(Path file) {
    return ModelFile.read(file);
  }

  /** Saves this model atomically (temporary file, then rename); see {@link ModelFile#write}. */
  public void save(Path file) {
    ModelFile.write(this, file);
  }

  /** Class names, in the order of {@link #predictProba} entries. */
  public List<String> classes() {
    return classes.classes();
  }

  /** The class-name encoder. */
  public LabelEncoder encoder() {
    return classes;
  }

  /** Number of input features. */
  public int numFeatures() {
    return featureNames.size();
  }

  /** Names of the input features. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** The first preprocessing step: raw columns to numeric inputs (identity for old models). */
  public ColumnEncoder columns() {
    return columns;
  }

  /** The preprocessing applied to each encoded row: imputation and scaling. */
  public FeatureTransform transform() {
    return transform;
  }

  /** The body. */
  public Body body() {
    return body;
  }

  /** The head. */
  public Head head() {
    return head;
  }

  /** The head's output layer weights (reading the body's output). */
  public OutputLayer outputLayer() {
    return output;
  }

  /** Training settings, metrics and provenance. */
  public ModelInfo info() {
    return info;
  }

  /**
   * "multilabel" for independent sigmoids, else "binary" for two classes, "multiclass" for more.
   */
  public String task() {
    if (isMultiLabel()) {
      return "multilabel";
    }
    return classes.size() == 2 ? "binary" : "multiclass";
  }

  /** Whether this is a multi-label model (one independent sigmoid per label). */
  @Override
  public boolean isMultiLabel() {
    return head instanceof IndependentSigmoidHead;
  }

  /** How a multi-label model chooses its labels (empty for single-label models). */
  public Optional<LabelDecision> labelDecision() {
    return Optional.ofNullable(labelDecision);
  }

  /**
   * This multi-label model with another label decision.
   *
   * @throws SoftclassException if the model is not multi-label
   */
  public Model withLabelDecision(LabelDecision decision) {
    if (!isMultiLabel()) {
      throw new SoftclassException(
          "label thresholds, top-k and the at-least-one fallback are for multi-label models; this"
              + " one is "
              + task());
    }
    return with(head, output, info, calibrator, threshold, Objects.requireNonNull(decision));
  }

  /**
   * The labels a multi-label model chooses for probabilities from {@link #predictProba}, in
   * increasing index order (see {@link LabelDecision}).
   *
   * @throws SoftclassException if the model is not multi-label
   */
  public int[] decideLabels(double[] probs) {
    if (labelDecision == null) {
      throw new SoftclassException("this " + task() + " model predicts one class, not label sets");
    }
    return labelDecision.decide(probs);
  }

  /** The training means that stand for missing values ({@link FeatureTransform#fill()}). */
  @Override
  public float[] missingValueFill() {
    return transform.fill();
  }

  /** The calibrator {@link #predictProba} applies, if any. */
  public Optional<Calibrator> calibrator() {
    return Optional.ofNullable(calibrator);
  }

  /** The binary decision threshold {@link #predict} applies, if any. */
  public Optional<Threshold> threshold() {
    return Optional.ofNullable(threshold);
  }

  /** This model with other info (weights unchanged). */
  public Model withInfo(ModelInfo newInfo) {
    return with(head, output, newInfo, calibrator, threshold, labelDecision);
  }

  /**
   * This model with {@code newCalibrator} (null for none) in place of its calibrator. A decision
   * threshold, or per-label thresholds, chosen on the old probabilities, are dropped.
   */
  public Model withCalibrator(Calibrator newCalibrator) {
    return with(
        head,
        output,
        info,
        newCalibrator,
        null,
        labelDecision == null ? null : labelDecision.withoutPerLabel());
  }

  /**
   * This binary model with a decision threshold (null for argmax decisions).
   *
   * @throws SoftclassException if the model is not binary
   */
  public Model withThreshold(Threshold newThreshold) {
    if (newThreshold != null && (classes.size() != 2 || isMultiLabel())) {
      throw new SoftclassException(
          "a decision threshold is for binary models; this one has "
              + classes.size()
              + " classes and predicts the most probable");
    }
    return with(head, output, info, calibrator, newThreshold, labelDecision);
  }

  /**
   * Class probabilities for one dense row of raw (untransformed) features.
   *
   * @param row {@link #numFeatures()} values, finite
   * @throws SoftclassException if the row has the wrong length or a non-finite value
   */
  public double[] predictProba(float[] row) {
    if (row.length != numFeatures()) {
      throw new SoftclassException(
          "the row has " + row.length + " features, the model expects " + numFeatures());
    }
    for (int c = 0; c < row.length; c++) {
      if (!Float.isFinite(row[c])) {
        throw new SoftclassException(
            "feature '"
                + featureNames.get(c)
                + "' (index "
                + c
                + ") is "
                + row[c]
                + ": every feature must be a finite number");
      }
    }
    return rawProbabilities(row, null);
  }

  /**
   * Class probabilities for one raw row that may have missing values and categories: {@code row}
   * holds the numbers (NaN for a missing value), {@code text} (or null) the category of each
   * categorical column (null where missing, or where the category is given as a number in {@code
   * row}). A category not seen in training gives all zeros in that column's one-hot inputs.
   *
   * @param row {@link #numFeatures()} values, none infinite
   * @param text {@link #numFeatures()} categories or nulls, or null for none
   * @throws SoftclassException if a length is wrong, a value is infinite or a numeric feature is
   *     given a string
   */
  public double[] predictProbaRaw(float[] row, String[] text) {
    if (row.length != numFeatures() || (text != null && text.length != numFeatures())) {
      throw new SoftclassException(
          "the row has "
              + (text != null && text.length != numFeatures() ? text.length : row.length)
              + " features, the model expects "
              + numFeatures());
    }
    for (int c = 0; c < row.length; c++) {
      if (Float.isInfinite(row[c])) {
        throw new SoftclassException(
            "feature '" + featureNames.get(c) + "' (index " + c + ") is " + row[c]);
      }
    }
    return rawProbabilities(row, text);
  }

  private double[] rawProbabilities(float[] row, String[] text) {
    float[] encoded = row;
    if (!columns.isIdentity() || text != null) {
      encoded = new float[columns.outputDim()];
      columns.encode(row, text, encoded, 0);
    }
    float[] x = new float[transform.dim()];
    transform.applyDense(encoded, 0, x, 0);
    DenseMatrix h = (DenseMatrix) body.forward(new DenseMatrix(x, 1, x.length));
    double[] logits = new double[output.outputs()];
    output.logits(h.data(), 0, logits);
    return probabilities(logits);
  }

  /** Class probabilities for one dense row given as doubles (rounded to float32 first). */
  public double[] predictProba(double[] row) {
    float[] f = new float[row.length];
    for (int i = 0; i < row.length; i++) {
      f[i] = (float) row[i];
    }
    return predictProba(f);
  }

  /**
   * Class probabilities for one sparse row: 0-based increasing {@code indices} (those at or beyond
   * {@link #numFeatures()} are ignored, as features unseen in training) with their values.
   */
  public double[] predictProba(int[] indices, float[] values) {
    if (indices.length != values.length) {
      throw new SoftclassException(indices.length + " indices but " + values.length + " values");
    }
    float[] dense = new float[numFeatures()];
    for (int k = 0; k < indices.length; k++) {
      if (indices[k] < 0) {
        throw new SoftclassException("negative feature index " + indices[k]);
      }
      if (indices[k] < dense.length) {
        dense[indices[k]] = values[k];
      }
    }
    return predictProba(dense);
  }

  /** The predicted class index for a dense row (see {@link #decide}). */
  public int predict(float[] row) {
    return decide(predictProba(row));
  }

  /**
   * The decision for probabilities from {@link #predictProba}: class 1 when a binary model has a
   * threshold and {@code probs[1]} reaches it, else the most probable class.
   */
  public int decide(double[] probs) {
    return threshold == null ? argmax(probs) : threshold.decide(probs[1]);
  }

  /** Name of the most probable class for a dense row. */
  public String predictLabel(float[] row) {
    return classes.name(predict(row));
  }

  /**
   * Class probabilities for every row of {@code data}, one array per row.
   *
   * <p>Columns are matched by name when the data have all of the model's feature names (so a CSV
   * file's columns may come in any order), else by position. Sparse data may have fewer or more
   * columns: features beyond the model's are ignored.
   *
   * @throws SoftclassException if the columns do not match or a value is not finite
   */
  public double[][] predictProba(Dataset data) {
    double[][] logits = logits(data);
    for (int r = 0; r < logits.length; r++) {
      logits[r] = probabilities(logits[r]);
    }
    return logits;
  }

  /**
   * The head's raw logits (before the head's link function and any calibration) for every row of
   * {@code data}; columns are matched as by {@link #predictProba(Dataset)}.
   *
   * @throws SoftclassException if the columns do not match or a value is not finite
   */
  public double[][] logits(Dataset data) {
    DataChecks.requireFinite(data);
    Dataset aligned = align(data);
    FeatureMatrix raw = aligned.features();
    FeatureMatrix x =
        body.forward(
            transform.apply(
                columns.isIdentity() && aligned.text().isEmpty() ? raw : columns.apply(aligned)));
    double[][] out = new double[x.rows()][];
    if (x instanceof CsrMatrix m) {
      int[] ptr = m.rowPtr();
      for (int r = 0; r < m.rows(); r++) {
        out[r] = new double[output.outputs()];
        output.logits(m.indices(), m.values(), ptr[r], ptr[r + 1], out[r]);
      }
    } else {
      DenseMatrix m = (DenseMatrix) x;
      for (int r = 0; r < m.rows(); r++) {
        out[r] = new double[output.outputs()];
        output.logits(m.data(), m.offset(r), out[r]);
      }
    }
    return out;
  }

  /** The predicted class index for every row of {@code data} (see {@link #decide}). */
  public int[] predict(Dataset data) {
    double[][] p = predictProba(data);
    int[] out = new int[p.length];
    for (int r = 0; r < p.length; r++) {
      out[r] = decide(p[r]);
    }
    return out;
  }

  /**
   * The labels a multi-label model chooses for every row of {@code data} (see {@link
   * #decideLabels}).
   *
   * @throws SoftclassException if the model is not multi-label, the columns do not match or a value
   *     is not finite
   */
  public int[][] predictLabels(Dataset data) {
    double[][] p = predictProba(data);
    int[][] out = new int[p.length][];
    for (int r = 0; r < p.length; r++) {
      out[r] = decideLabels(p[r]);
    }
    return out;
  }

  /**
   * This binary model with the other binary head: a sigmoid with weights {@code w} becomes a
   * two-output softmax with rows {@code (0, w)}, and a two-output softmax with rows {@code (w0,
   * w1)} becomes a sigmoid with {@code w1 - w0}. The probabilities are the same (to float32
   * rounding of {@code w1 - w0}); a calibrator and threshold carry over, since they depend only on
   * the log-odds.
   *
   * @throws SoftclassException if the model is not binary, or a hinge head is asked or given (an
   *     SVM's decision values are not log-odds)
   */
  public Model withHead(HeadType type) {
    if ((type == HeadType.HINGE) != (head instanceof dev.softclass.head.HingeHead)) {
      throw new SoftclassException(
          "a linear SVM (hinge head) and a logistic model (sigmoid or softmax head) are trained"
              + " differently: retrain with --head "
              + type.id()
              + " instead of converting");
    }
    if (type == HeadType.HINGE) {
      return this;
    }
    if (classes.size() != 2 || isMultiLabel()) {
      throw new SoftclassException(
          "only a binary model can switch between a sigmoid and a 2-output softmax; this one has "
              + classes.size()
              + " classes");
    }
    int d = output.inputs();
    float[] w = output.weights();
    float[] b = output.bias();
    if (type == HeadType.SOFTMAX && head instanceof SigmoidHead) {
      float[] w2 = new float[2 * d];
      System.arraycopy(w, 0, w2, d, d);
      OutputLayer layer = new OutputLayer(2, d, w2, new float[] {0f, b[0]});
      return with(new SoftmaxHead(2), layer, info, calibrator, threshold, null);
    }
    if (type == HeadType.SIGMOID && head instanceof SoftmaxHead) {
      float[] w1 = new float[d];
      for (int j = 0; j < d; j++) {
        w1[j] = (float) ((double) w[d + j] - w[j]);
      }
      OutputLayer layer = new OutputLayer(1, d, w1, new float[] {(float) ((double) b[1] - b[0])});
      return with(new SigmoidHead(), layer, info, calibrator, threshold, null);
    }
    return this;
  }

  /**
   * This model's classes, features, column encoder, transform and body with the other parts given
   * (the one place a derived model is assembled).
   */
  private Model with(
      Head newHead,
      OutputLayer newOutput,
      ModelInfo newInfo,
      Calibrator newCalibrator,
      Threshold newThreshold,
      LabelDecision newDecision) {
    return new Model(
        classes,
        featureNames,
        columns,
        transform,
        body,
        newHead,
        newOutput,
        newInfo,
        newCalibrator,
        newThreshold,
        newDecision);
  }

  /**
   * The probabilities (calibrated, if the model has a calibrator) for logits from {@link
   * #logits(Dataset)}.
   */
  public double[] probabilities(double[] logits) {
    if (logits.length != output.outputs()) {
      throw new IllegalArgumentException(
          logits.length + " logits for a head with " + output.outputs() + " outputs");
    }
    double[] p = new double[classes.size()];
    if (calibrator == null) {
      head.probabilities(logits, p);
    } else {
      calibrator.probabilities(head, logits, p);
    }
    return p;
  }

  /** Index of the largest value (the first one on a tie). */
  public static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }

  /** The data with the model's columns, in the model's order (text columns too). */
  private Dataset align(Dataset data) {
    FeatureMatrix x = data.features();
    int d = numFeatures();
    if (x instanceof CsrMatrix m) {
      return m.cols() == d
          ? data
          : data.withColumns(withColumns(m, d), featureNames, false, TextColumns.NONE);
    }
    List<String> names = data.featureNames();
    if (!names.equals(featureNames)) {
      Map<String, Integer> position = new HashMap<>();
      for (int c = 0; c < names.size(); c++) {
        position.putIfAbsent(names.get(c), c);
      }
      if (position.keySet().containsAll(featureNames)) {
        int[] cols = featureNames.stream().mapToInt(position::get).toArray();
        return data.withColumns(
            selectColumns((DenseMatrix) x, cols),
            featureNames,
            data.hasMissing(),
            data.text().reorder(cols));
      }
      if (x.cols() != d) {
        List<String> missing =
            featureNames.stream().filter(n -> !position.containsKey(n)).limit(5).toList();
        throw new SoftclassException(
            data.source()
                + ": the model expects "
                + d
                + " features but the data has "
                + x.cols()
                + "; missing columns include "
                + missing
                + ". Predict on data with the same columns as the training data.");
      }
    }
    return data;
  }

  private static DenseMatrix selectColumns(DenseMatrix m, int[] cols) {
    float[] out = new float[m.rows() * cols.length];
    for (int r = 0; r < m.rows(); r++) {
      for (int c = 0; c < cols.length; c++) {
        out[r * cols.length + c] = m.get(r, cols[c]);
      }
    }
    return new DenseMatrix(out, m.rows(), cols.length);
  }

  private static CsrMatrix withColumns(CsrMatrix m, int d) {
    int[] ptr = m.rowPtr();
    int[] idx = m.indices();
    float[] val = m.values();
    int[] newPtr = new int[ptr.length];
    int count = 0;
    for (int r = 0; r + 1 < ptr.length; r++) {
      for (int k = ptr[r]; k < ptr[r + 1]; k++) {
        if (idx[k] < d) {
          count++;
        }
      }
      newPtr[r + 1] = count;
    }
    int[] newIdx = new int[count];
    float[] newVal = new float[count];
    int n = 0;
    for (int k = 0; k < idx.length; k++) {
      if (idx[k] < d) {
        newIdx[n] = idx[k];
        newVal[n++] = val[k];
      }
    }
    return new CsrMatrix(newPtr, newIdx, newVal, d);
  }
}
