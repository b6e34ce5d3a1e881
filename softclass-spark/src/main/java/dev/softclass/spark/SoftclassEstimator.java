package dev.softclass.spark;

import dev.softclass.preprocess.ScaleMode;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The params every Softclass estimator shares: input and output columns, iterations, L2, seed,
 * feature scaling and the head family. Subclasses add their own and implement {@link #fit}.
 */
public abstract class SoftclassEstimator extends Estimator<SoftclassClassificationModel>
    implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> featuresCol;
  private final Param<String> labelCol;
  private final Param<String> labelsCol;
  private final Param<String> weightCol;
  private final Param<String> predictionCol;
  private final Param<String> probabilityCol;
  private final Param<String> rawPredictionCol;
  private final IntParam maxIter;
  private final DoubleParam regParam;
  private final LongParam seed;
  private final Param<String> scale;
  private final Param<String> family;

  protected SoftclassEstimator(String uid) {
    this.uid = uid;
    featuresCol = new Param<>(this, "featuresCol", "features column name (an ML vector)");
    labelCol = new Param<>(this, "labelCol", "label column name (class indices 0, 1, ...)");
    labelsCol =
        new Param<>(
            this,
            "labelsCol",
            "multi-label column name (an array of labels per row); when set, one independent"
                + " sigmoid per label is trained and labelCol is not read");
    weightCol = new Param<>(this, "weightCol", "row weight column name; empty for all 1");
    predictionCol = new Param<>(this, "predictionCol", "prediction column name");
    probabilityCol = new Param<>(this, "probabilityCol", "class probabilities column name");
    rawPredictionCol = new Param<>(this, "rawPredictionCol", "logits column name");
    maxIter = new IntParam(this, "maxIter", "maximum iterations (>= 1)", ParamValidators.gtEq(1));
    regParam =
        new DoubleParam(
            this,
            "regParam",
            "regularisation strength on the mean loss (>= 0)",
            ParamValidators.gtEq(0));
    seed = new LongParam(this, "seed", "random seed");
    scale =
        new Param<>(
            this,
            "scale",
            "feature scaling: auto (maxabs when most rows are sparse vectors, else standard),"
                + " standard, maxabs or none",
            ParamValidators.inArray(new String[] {"auto", "standard", "maxabs", "none"}));
    family =
        new Param<>(
            this,
            "family",
            "auto (sigmoid for two classes, softmax for more), sigmoid or softmax",
            ParamValidators.inArray(new String[] {"auto", "sigmoid", "softmax"}));
    setDefault(featuresCol, "features");
    setDefault(labelCol, "label");
    setDefault(labelsCol, "");
    setDefault(weightCol, "");
    setDefault(predictionCol, "prediction");
    setDefault(probabilityCol, "probability");
    setDefault(rawPredictionCol, "rawPrediction");
    setDefault(maxIter, 100);
    setDefault(regParam, 1e-4);
    setDefault(seed, 42L);
    setDefault(scale, "auto");
    setDefault(family, "auto");
  }

  @Override
  public String uid() {
    return uid;
  }

  public Param<String> featuresCol() {
    return featuresCol;
  }

  public Param<String> labelCol() {
    return labelCol;
  }

  public Param<String> labelsCol() {
    return labelsCol;
  }

  public Param<String> weightCol() {
    return weightCol;
  }

  public Param<String> predictionCol() {
    return predictionCol;
  }

  public Param<String> probabilityCol() {
    return probabilityCol;
  }

  public Param<String> rawPredictionCol() {
    return rawPredictionCol;
  }

  public IntParam maxIter() {
    return maxIter;
  }

  public DoubleParam regParam() {
    return regParam;
  }

  public LongParam seed() {
    return seed;
  }

  public Param<String> scale() {
    return scale;
  }

  /** The head: auto (sigmoid for two classes, softmax for more), sigmoid or softmax. */
  public Param<String> family() {
    return family;
  }

  /** Sets the features column (default {@code features}). */
  public SoftclassEstimator setFeaturesCol(String value) {
    set(featuresCol, value);
    return this;
  }

  /** Sets the label column of class indices (default {@code label}). */
  public SoftclassEstimator setLabelCol(String value) {
    set(labelCol, value);
    return this;
  }

  /** Sets the multi-label column (an array of labels per row); trains independent sigmoids. */
  public SoftclassEstimator setLabelsCol(String value) {
    set(labelsCol, value);
    return this;
  }

  /** Sets the row-weight column (default none). */
  public SoftclassEstimator setWeightCol(String value) {
    set(weightCol, value);
    return this;
  }

  /** Sets the prediction column (default {@code prediction}). */
  public SoftclassEstimator setPredictionCol(String value) {
    set(predictionCol, value);
    return this;
  }

  /** Sets the probability column (default {@code probability}). */
  public SoftclassEstimator setProbabilityCol(String value) {
    set(probabilityCol, value);
    return this;
  }

  /** Sets the logits column (default {@code rawPrediction}). */
  public SoftclassEstimator setRawPredictionCol(String value) {
    set(rawPredictionCol, value);
    return this;
  }

  /** Sets the maximum iterations (L-BFGS) or rounds (MLP) (default 100). */
  public SoftclassEstimator setMaxIter(int value) {
    set(maxIter, value);
    return this;
  }

  /** Sets the regularisation strength on the mean loss (default 1e-4). */
  public SoftclassEstimator setRegParam(double value) {
    set(regParam, value);
    return this;
  }

  /** Sets the random seed (default 42). */
  public SoftclassEstimator setSeed(long value) {
    set(seed, value);
    return this;
  }

  /** Sets the feature scaling: auto, standard, maxabs or none (default auto). */
  public SoftclassEstimator setScale(String value) {
    set(scale, value);
    return this;
  }

  /** The value of a param (set or default). */
  protected <T> T value(Param<T> param) {
    return getOrDefault(param);
  }

  /** The value of a double param (set or default). */
  protected double doubleValue(DoubleParam param) {
    return (Double) getOrDefault(param);
  }

  /** The value of an int param (set or default). */
  protected int intValue(IntParam param) {
    return (Integer) getOrDefault(param);
  }

  /** The value of a long param (set or default). */
  protected long longValue(LongParam param) {
    return (Long) getOrDefault(param);
  }

  /** Reads, checks and caches the training rows as the params say. */
  protected PreparedData prepare(Dataset<?> dataset) {
    return PreparedData.of(
        dataset,
        value(featuresCol),
        value(labelCol),
        value(labelsCol),
        value(weightCol),
        ScaleMode.parse(value(scale)));
  }

  /** Wraps a trained core model with this estimator's column params. */
  protected SoftclassClassificationModel wrap(dev.softclass.Model model) {
    SoftclassClassificationModel m = new SoftclassClassificationModel(uid, model);
    copyValues(m, extractParamMap());
    m.setParent(this);
    return m;
  }

  /** The Spark session of a data set. */
  protected static SparkSession session(Dataset<?> dataset) {
    return dataset.sparkSession();
  }

  @Override
  public StructType transformSchema(StructType schema) {
    PreparedData.requireVectorColumn(schema, value(featuresCol));
    return SoftclassClassificationModel.outputSchema(
        schema,
        value(rawPredictionCol),
        value(probabilityCol),
        value(predictionCol),
        !value(labelsCol).isEmpty());
  }
}
