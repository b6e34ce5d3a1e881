package dev.softclass.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * Logistic regression trained on Spark with Softclass's objective and optimisers: a sigmoid for two
 * classes, a softmax for more ({@code family}), or with {@code labelsCol} one independent sigmoid
 * per label (multi-label); L2 ({@code regParam}), L1 and the elastic net ({@code elasticNetParam},
 * as MLlib: {@code l1 = regParam * alpha}, {@code l2 = regParam * (1 - alpha)}, both on the mean
 * loss). Distributed L-BFGS, or OWL-QN with an L1 term, over the cached partitions; deterministic
 * for a given partitioning. The model equals the single-machine {@code softclass train} model with
 * the same settings up to rounding.
 */
public final class SoftclassLogisticRegression extends SoftclassEstimator {
  private static final long serialVersionUID = 1L;

  private final DoubleParam elasticNetParam;
  private final DoubleParam tol;

  public SoftclassLogisticRegression() {
    this(Identifiable.randomUID("softclassLogReg"));
  }

  public SoftclassLogisticRegression(String uid) {
    super(uid);
    elasticNetParam =
        new DoubleParam(
            this,
            "elasticNetParam",
            "elastic net mixing in [0, 1]: 0 is pure L2, 1 pure L1",
            ParamValidators.inRange(0, 1));
    tol =
        new DoubleParam(
            this,
            "tol",
            "L-BFGS stops when the largest gradient component is below it",
            ParamValidators.gtEq(0));
    setDefault(elasticNetParam, 0.0);
    setDefault(tol, 1e-6);
  }

  public DoubleParam elasticNetParam() {
    return elasticNetParam;
  }

  public DoubleParam tol() {
    return tol;
  }

  /** Sets the elastic net mixing: 0 (default) L2 only, 1 L1 only. */
  public SoftclassLogisticRegression setElasticNetParam(double value) {
    set(elasticNetParam, value);
    return this;
  }

  /** Sets the gradient tolerance (default 1e-6). */
  public SoftclassLogisticRegression setTol(double value) {
    set(tol, value);
    return this;
  }

  /** Sets the family: auto (default), sigmoid or softmax. */
  public SoftclassLogisticRegression setFamily(String value) {
    set(family(), value);
    return this;
  }

  @Override
  public SoftclassClassificationModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    double reg = doubleValue(regParam());
    double alpha = doubleValue(elasticNetParam);
    try (PreparedData data = prepare(dataset)) {
      DistributedLinearTrainer.Outcome outcome =
          DistributedLinearTrainer.fit(
              JavaSparkContext.fromSparkContext(session(dataset).sparkContext()),
              data,
              value(family()),
              reg * (1 - alpha),
              reg * alpha,
              intValue(maxIter()),
              doubleValue(tol));
      return wrap(outcome.model());
    }
  }

  @Override
  public SoftclassLogisticRegression copy(ParamMap extra) {
    return (SoftclassLogisticRegression) defaultCopy(extra);
  }

  /** A reader for estimators saved with {@code write()} (as in an unfitted Pipeline). */
  public static MLReader<SoftclassLogisticRegression> read() {
    return new DefaultParamsReader<>();
  }

  /** Loads an estimator saved with {@code write().save(path)}. */
  public static SoftclassLogisticRegression load(String path) {
    return read().load(path);
  }
}
