package dev.softclass.train;

import static dev.softclass.train.SettingsValues.number;
import static dev.softclass.train.SettingsValues.require;

import dev.softclass.SoftclassException;
import dev.softclass.head.HeadType;
import dev.softclass.preprocess.ScaleMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every setting of a training run, validated on construction. {@link #params()} lists them in a
 * fixed order; the same map is written to the model file.
 *
 * @param head which head; {@code AUTO} picks sigmoid for two classes, softmax for more
 * @param outputs the head's output count, or 0 to take it from the data
 * @param l2 L2 strength: the objective is the mean loss plus {@code l2/2 * ||W||^2}; scikit-learn's
 *     {@code C} corresponds to {@code l2 = 1 / (C * n)}
 * @param optimizer L-BFGS (full batch) or mini-batch SGD
 * @param maxIterations L-BFGS iteration limit
 * @param tolerance L-BFGS stops when the largest gradient component is below it
 * @param epochs SGD passes over the data
 * @param batchSize SGD mini-batch size
 * @param learningRate SGD initial learning rate (decays linearly to 0); 0 means automatic: {@code 1
 *     / (0.5 * (mean ||x||^2 + 1) + l2)}, the inverse of a bound on the loss's curvature (the 1 is
 *     the bias's input), computed on the scaled training rows
 * @param seed seed for everything random (SGD order)
 * @param threads threads for full-batch gradients; the model does not depend on it
 * @param scale feature scaling
 * @param positiveWeights multi-label data only: the weight of each label's positive examples
 * @param l1 L1 strength: adds {@code l1 * sum |W|} (biases not penalised) to the objective; with
 *     {@code l2} as well this is the elastic net. Trained by OWL-QN with L-BFGS (exact zeros);
 *     scikit-learn's {@code C} with {@code penalty='l1'} corresponds to {@code l1 = 1 / (C * n)}
 * @param loss the loss of a softmax head: cross-entropy or focal
 * @param gamma the focal loss's exponent (used with {@code loss = FOCAL})
 * @param labelSmoothing the share {@code eps} of each target spread evenly over the classes, in [0,
 *     1); with it or the focal loss an automatic head is a softmax, also for two classes
 */
public record TrainingSettings(
    HeadType head,
    int outputs,
    double l2,
    OptimizerType optimizer,
    int maxIterations,
    double tolerance,
    int epochs,
    int batchSize,
    double learningRate,
    long seed,
    int threads,
    ScaleMode scale,
    PositiveWeights positiveWeights,
    double l1,
    LossType loss,
    double gamma,
    double labelSmoothing) {

  /** The default L2 strength. */
  public static final double DEFAULT_L2 = 1e-4;

  /**
   * @throws SoftclassException naming the first setting out of range
   */
  public TrainingSettings {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(positiveWeights, "positiveWeights");
    require(outputs >= 0, "--outputs must be at least 1 (or 0 for automatic), got " + outputs);
    require(l2 >= 0 && Double.isFinite(l2), "--l2 must be a finite number >= 0, got " + l2);
    require(maxIterations >= 1, "--max-iter must be at least 1, got " + maxIterations);
    require(tolerance >= 0 && Double.isFinite(tolerance), "--tol must be >= 0, got " + tolerance);
    require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
    require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
    require(
        learningRate >= 0 && Double.isFinite(learningRate),
        "--lr must be a finite number > 0 (or auto), got " + learningRate);
    require(threads >= 1, "--threads must be at least 1, got " + threads);
    require(l1 >= 0 && Double.isFinite(l1), "--l1 must be a finite number >= 0, got " + l1);
    Objects.requireNonNull(loss, "loss");
    require(gamma >= 0 && Double.isFinite(gamma), "--gamma must be a number >= 0, got " + gamma);
    require(
        labelSmoothing >= 0 && labelSmoothing < 1,
        "--label-smoothing must be in [0, 1), got " + labelSmoothing);
  }

  /**
   * The defaults: automatic head, L2 1e-4, L-BFGS (500 iterations, tolerance 1e-5); for SGD 10
   * epochs of single-example steps at the automatic learning rate; seed 42; one thread per core.
   */
  public static TrainingSettings defaults() {
    return new TrainingSettings(
        HeadType.AUTO,
        0,
        DEFAULT_L2,
        OptimizerType.LBFGS,
        500,
        1e-5,
        10,
        1,
        0.0,
        42L,
        Runtime.getRuntime().availableProcessors(),
        ScaleMode.AUTO,
        PositiveWeights.NONE,
        0.0,
        LossType.LOG,
        2.0,
        0.0);
  }

  /** The settings as an ordered map of command-line names to values. */
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("head", head.id());
    p.put("outputs", outputs);
    p.put("l2", l2);
    p.put("optimizer", optimizer.id());
    p.put("max_iter", maxIterations);
    p.put("tol", tolerance);
    p.put("epochs", epochs);
    p.put("batch_size", batchSize);
    p.put("lr", learningRate);
    p.put("seed", seed);
    p.put("threads", threads);
    p.put("scale", scale.id());
    p.put("positive_weight", positiveWeights.spec());
    p.put("l1", l1);
    p.put("loss", loss.id());
    p.put("gamma", gamma);
    p.put("label_smoothing", labelSmoothing);
    return p;
  }

  /**
   * The settings recorded by {@link #params()} (for example in a model file's {@code training}
   * section); settings missing from {@code params} keep their defaults.
   *
   * @throws SoftclassException if a value has the wrong type or is out of range
   */
  public static TrainingSettings fromParams(Map<String, Object> params) {
    TrainingSettings d = defaults();
    try {
      return new TrainingSettings(
          HeadType.parse(String.valueOf(params.getOrDefault("head", d.head.id()))),
          number(params, "outputs", d.outputs).intValue(),
          number(params, "l2", d.l2).doubleValue(),
          OptimizerType.parse(String.valueOf(params.getOrDefault("optimizer", d.optimizer.id()))),
          number(params, "max_iter", d.maxIterations).intValue(),
          number(params, "tol", d.tolerance).doubleValue(),
          number(params, "epochs", d.epochs).intValue(),
          number(params, "batch_size", d.batchSize).intValue(),
          number(params, "lr", d.learningRate).doubleValue(),
          number(params, "seed", d.seed).longValue(),
          number(params, "threads", d.threads).intValue(),
          ScaleMode.parse(String.valueOf(params.getOrDefault("scale", d.scale.id()))),
          PositiveWeights.parse(
              String.valueOf(params.getOrDefault("positive_weight", d.positiveWeights.spec()))),
          number(params, "l1", d.l1).doubleValue(),
          LossType.parse(String.valueOf(params.getOrDefault("loss", d.loss.id()))),
          number(params, "gamma", d.gamma).doubleValue(),
          number(params, "label_smoothing", d.labelSmoothing).doubleValue());
    } catch (ClassCastException e) {
      throw new SoftclassException("the recorded training settings are malformed: " + params);
    }
  }

  /** Whether the loss differs from plain cross-entropy (focal, or smoothed targets). */
  public boolean shapedLoss() {
    return loss == LossType.FOCAL || labelSmoothing > 0;
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable builder for {@link TrainingSettings}; {@link #build()} validates. */
  public static final class Builder {
    private HeadType head;
    private int outputs;
    private double l2;
    private OptimizerType optimizer;
    private int maxIterations;
    private double tolerance;
    private int epochs;
    private int batchSize;
    private double learningRate;
    private long seed;
    private int threads;
    private ScaleMode scale;
    private PositiveWeights positiveWeights;
    private double l1;
    private LossType loss;
    private double gamma;
    private double labelSmoothing;

    private Builder(TrainingSettings s) {
      head = s.head;
      outputs = s.outputs;
      l2 = s.l2;
      optimizer = s.optimizer;
      maxIterations = s.maxIterations;
      tolerance = s.tolerance;
      epochs = s.epochs;
      batchSize = s.batchSize;
      learningRate = s.learningRate;
      seed = s.seed;
      threads = s.threads;
      scale = s.scale;
      positiveWeights = s.positiveWeights;
      l1 = s.l1;
      loss = s.loss;
      gamma = s.gamma;
      labelSmoothing = s.labelSmoothing;
    }

    /** See {@link TrainingSettings#head()}. */
    public Builder head(HeadType v) {
      head = v;
      return this;
    }

    /** See {@link TrainingSettings#outputs()}. */
    public Builder outputs(int v) {
      outputs = v;
      return this;
    }

    /** See {@link TrainingSettings#l2()}. */
    public Builder l2(double v) {
      l2 = v;
      return this;
    }

    /** See {@link TrainingSettings#optimizer()}. */
    public Builder optimizer(OptimizerType v) {
      optimizer = v;
      return this;
    }

    /** See {@link TrainingSettings#maxIterations()}. */
    public Builder maxIterations(int v) {
      maxIterations = v;
      return this;
    }

    /** See {@link TrainingSettings#tolerance()}. */
    public Builder tolerance(double v) {
      tolerance = v;
      return this;
    }

    /** See {@link TrainingSettings#epochs()}. */
    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    /** See {@link TrainingSettings#batchSize()}. */
    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    /** See {@link TrainingSettings#learningRate()}. */
    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    /** See {@link TrainingSettings#seed()}. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** See {@link TrainingSettings#threads()}. */
    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /** See {@link TrainingSettings#scale()}. */
    public Builder scale(ScaleMode v) {
      scale = v;
      return this;
    }

    /** See {@link TrainingSettings#positiveWeights()}. */
    public Builder positiveWeights(PositiveWeights v) {
      positiveWeights = v;
      return this;
    }

    /** See {@link TrainingSettings#l1()}. */
    public Builder l1(double v) {
      l1 = v;
      return this;
    }

    /** See {@link TrainingSettings#loss()}. */
    public Builder loss(LossType v) {
      loss = v;
      return this;
    }

    /** See {@link TrainingSettings#gamma()}. */
    public Builder gamma(double v) {
      gamma = v;
      return this;
    }

    /** See {@link TrainingSettings#labelSmoothing()}. */
    public Builder labelSmoothing(double v) {
      labelSmoothing = v;
      return this;
    }

    /**
     * The settings.
     *
     * @throws SoftclassException naming the first setting out of range
     */
    public TrainingSettings build() {
      return new TrainingSettings(
          head,
          outputs,
          l2,
          optimizer,
          maxIterations,
          tolerance,
          epochs,
          batchSize,
          learningRate,
          seed,
          threads,
          scale,
          positiveWeights,
          l1,
          loss,
          gamma,
          labelSmoothing);
    }
  }
}
