package dev.softclass.spark;

import dev.softclass.SoftclassException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A multi-layer perceptron trained on Spark by synchronous parameter averaging: each of {@code
 * maxIter} rounds, every partition continues the current network for {@code localEpochs} epochs of
 * mini-batch Adam (or SGD) with Softclass's network trainer, and the driver averages the weights,
 * weighted by rows, in partition order. Deterministic for a given partitioning and seed. Softmax,
 * sigmoid or (with {@code labelsCol}) independent-sigmoid heads, as the logistic regression.
 */
public final class SoftclassMlpClassifier extends SoftclassEstimator {
  private static final long serialVersionUID = 1L;

  private final IntArrayParam hiddenLayers;
  private final Param<String> activation;
  private final Param<String> optimizer;
  private final DoubleParam stepSize;
  private final IntParam blockSize;
  private final IntParam localEpochs;

  public SoftclassMlpClassifier() {
    this(Identifiable.randomUID("softclassMlp"));
  }

  public SoftclassMlpClassifier(String uid) {
    super(uid);
    hiddenLayers = new IntArrayParam(this, "hiddenLayers", "widths of the hidden layers");
    activation =
        new Param<>(
            this,
            "activation",
            "hidden activation: relu, tanh or gelu",
            ParamValidators.inArray(new String[] {"relu", "tanh", "gelu"}));
    optimizer =
        new Param<>(
            this,
            "optimizer",
            "local optimiser: adam, adamw or sgd (with momentum)",
            ParamValidators.inArray(new String[] {"adam", "adamw", "sgd"}));
    stepSize = new DoubleParam(this, "stepSize", "learning rate (> 0)", ParamValidators.gt(0));
    blockSize =
        new IntParam(this, "blockSize", "rows per mini-batch (>= 1)", ParamValidators.gtEq(1));
    localEpochs =
        new IntParam(
            this,
            "localEpochs",
            "epochs each partition trains per averaging round (>= 1)",
            ParamValidators.gtEq(1));
    setDefault(hiddenLayers, new int[] {100});
    setDefault(activation, "relu");
    setDefault(optimizer, "adam");
    setDefault(stepSize, 1e-3);
    setDefault(blockSize, 32);
    setDefault(localEpochs, 1);
    setDefault(maxIter(), 10);
  }

  public IntArrayParam hiddenLayers() {
    return hiddenLayers;
  }

  public Param<String> activation() {
    return activation;
  }

  public Param<String> optimizer() {
    return optimizer;
  }

  public DoubleParam stepSize() {
    return stepSize;
  }

  public IntParam blockSize() {
    return blockSize;
  }

  public IntParam localEpochs() {
    return localEpochs;
  }

  /** Sets the hidden layers' widths (default one layer of 100). */
  public SoftclassMlpClassifier setHiddenLayers(int... widths) {
    set(hiddenLayers, widths);
    return this;
  }

  /** Sets the hidden activation (default relu). */
  public SoftclassMlpClassifier setActivation(String value) {
    set(activation, value);
    return this;
  }

  /** Sets the local optimiser: adam (default), adamw or sgd. */
  public SoftclassMlpClassifier setOptimizer(String value) {
    set(optimizer, value);
    return this;
  }

  /** Sets the learning rate (default 1e-3). */
  public SoftclassMlpClassifier setStepSize(double value) {
    set(stepSize, value);
    return this;
  }

  /** Sets the mini-batch size (default 32). */
  public SoftclassMlpClassifier setBlockSize(int value) {
    set(blockSize, value);
    return this;
  }

  /** Sets the local epochs per round (default 1). */
  public SoftclassMlpClassifier setLocalEpochs(int value) {
    set(localEpochs, value);
    return this;
  }

  /** Sets the family: auto (default), sigmoid or softmax. */
  public SoftclassMlpClassifier setFamily(String value) {
    set(family(), value);
    return this;
  }

  @Override
  public SoftclassClassificationModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    if (!value(weightCol()).isEmpty()) {
      throw new SoftclassException(
          "weightCol is for SoftclassLogisticRegression; the MLP trains on unweighted rows");
    }
    DistributedMlpTrainer.Config config =
        new DistributedMlpTrainer.Config(
            (int[]) getOrDefault(hiddenLayers),
            value(activation),
            value(optimizer),
            doubleValue(stepSize),
            intValue(blockSize),
            intValue(localEpochs),
            doubleValue(regParam()),
            longValue(seed()));
    try (PreparedData data = prepare(dataset)) {
      return wrap(
          DistributedMlpTrainer.fit(
              JavaSparkContext.fromSparkContext(session(dataset).sparkContext()),
              data,
              config,
              intValue(maxIter()),
              value(family())));
    }
  }

  @Override
  public SoftclassMlpClassifier copy(ParamMap extra) {
    return (SoftclassMlpClassifier) defaultCopy(extra);
  }

  /** A reader for estimators saved with {@code write()} (as in an unfitted Pipeline). */
  public static MLReader<SoftclassMlpClassifier> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads an estimator saved with {@code write().save(path)}. */
  public static SoftclassMlpClassifier load(String path) {
    return read().load(path);
  }
}
