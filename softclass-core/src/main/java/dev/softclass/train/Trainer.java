package dev.softclass.train;

import dev.softclass.Model;
import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.balance.BalanceSettings;
import dev.softclass.body.LinearBody;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.Dataset;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.guard.DataChecks;
import dev.softclass.guard.HeadChecks;
import dev.softclass.guard.MultiLabelChecks;
import dev.softclass.head.Head;
import dev.softclass.head.HeadType;
import dev.softclass.head.HingeHead;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.OutputLayer;
import dev.softclass.head.SmoothedSoftmaxHead;
import dev.softclass.head.SoftmaxHead;
import dev.softclass.kernel.VectorOps;
import dev.softclass.optim.EpochCheckpoints;
import dev.softclass.optim.IterationCallback;
import dev.softclass.optim.Lbfgs;
import dev.softclass.optim.MiniBatchSgd;
import dev.softclass.optim.OptimizationResult;
import dev.softclass.optim.OwlQn;
import dev.softclass.preprocess.ColumnEncoder;
import dev.softclass.preprocess.ColumnEncoderFitter;
import dev.softclass.preprocess.FeatureTransform;
import dev.softclass.preprocess.PreprocessSettings;
import dev.softclass.preprocess.ScaleMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Trains linear models: logistic regression with a sigmoid or softmax head, or, on multi-label data
 * ({@link Dataset#hasLabelSets()}), one logistic regression per label sharing one objective (an
 * {@link IndependentSigmoidHead}). Stateless.
 */
public final class Trainer {
  private Trainer() {}

  /**
   * Checks the data, fits the preprocessing, and fits the weights.
   *
   * @throws dev.softclass.guard.GuardRailException for data the head cannot learn from
   * @throws SoftclassException if training diverges
   */
  public static Model fit(TrainingSettings settings, Dataset train, ProgressListener progress) {
    return fit(settings, PreprocessSettings.defaults(), BalanceSettings.none(), train, progress);
  }

  /**
   * Trains as {@link #fit(TrainingSettings, PreprocessSettings, BalanceSettings, Dataset,
   * ProgressListener, Checkpointing)} with the default pipeline, no class balancing, and SGD
   * checkpoints as {@code checkpointing} says.
   */
  public static Model fit(
      TrainingSettings settings,
      Dataset train,
      ProgressListener progress,
      Checkpointing checkpointing) {
    return fit(
        settings,
        PreprocessSettings.defaults(),
        BalanceSettings.none(),
        train,
        progress,
        checkpointing);
  }

  /** Trains as the full {@code fit} without checkpoints. */
  public static Model fit(
      TrainingSettings settings,
      PreprocessSettings preprocess,
      BalanceSettings balance,
      Dataset train,
      ProgressListener progress) {
    return fit(settings, preprocess, balance, train, progress, null);
  }

  /**
   * Checks the data, fits the preprocessing pipeline (column encoder, then imputation and scaling),
   * handles class imbalance on the scaled training rows (class weights in the loss, resampling),
   * and fits the weights, saving SGD checkpoints as {@code checkpointing} says and resuming from
   * one if asked; a resumed model is bit-identical to an uninterrupted run's. The checkpoint's
   * fingerprint covers the rows SGD actually sees (after preprocessing and resampling, which are
   * deterministic for a seed), their labels and loss weights, and the pipeline and balance
   * settings. The network optimisers (momentum SGD, Adam, AdamW) train a linear model through
   * {@link NetworkTrainer}, with the same pipeline and class balancing, and with checkpoints too.
   *
   * @param checkpointing where and when to save checkpoints, or null for none
   * @throws dev.softclass.guard.GuardRailException for data the head cannot learn from
   * @throws SoftclassException if training diverges, a setting does not fit the data, checkpoints
   *     are asked of L-BFGS, or the checkpoint to resume from belongs to another run
   */
  public static Model fit(
      TrainingSettings settings,
      PreprocessSettings preprocess,
      BalanceSettings balance,
      Dataset train,
      ProgressListener progress,
      Checkpointing checkpointing) {
    return fitResolved(
        svmSettings(settings, progress), preprocess, balance, train, progress, checkpointing);
  }

  /**
   * The settings of a run, with a hinge loss resolved: {@code --loss hinge|squared_hinge} without a
   * head picks the hinge head, a hinge head without a hinge loss takes the squared hinge, and the
   * plain hinge (not differentiable at the kink) asked of L-BFGS trains by SGD instead, with a
   * warning.
   *
   * @throws SoftclassException for a hinge loss on another head, a hinge head with the focal loss
   *     or label smoothing, or a hinge head on a network optimiser
   */
  static TrainingSettings svmSettings(TrainingSettings settings, ProgressListener progress) {
    boolean hingeHead = settings.head() == HeadType.HINGE;
    if (!hingeHead && !settings.loss().isHinge()) {
      return settings;
    }
    if (!hingeHead && settings.head() != HeadType.AUTO) {
      throw new SoftclassException(
          "--loss "
              + settings.loss().id()
              + " trains a linear SVM: use --head hinge (or leave --head out), not --head "
              + settings.head().id());
    }
    if (settings.shapedLoss()) {
      throw new SoftclassException(
          "--loss focal and --label-smoothing shape a softmax's loss; the hinge head takes --loss"
              + " hinge or squared_hinge");
    }
    if (settings.optimizer().needsNetworkTrainer()) {
      throw new SoftclassException(
          "the hinge head trains with --optimizer lbfgs (squared hinge) or sgd, not --optimizer "
              + settings.optimizer().id());
    }
    TrainingSettings.Builder b = settings.toBuilder().head(HeadType.HINGE);
    if (!settings.loss().isHinge()) {
      b.loss(LossType.SQUARED_HINGE);
    }
    if (settings.loss() == LossType.HINGE && settings.optimizer() == OptimizerType.LBFGS) {
      progress.warning(
          "the plain hinge loss is not differentiable, so L-BFGS cannot minimise it: training by"
              + " SGD subgradients instead (--optimizer sgd; --loss squared_hinge is smooth and"
              + " trains by L-BFGS)");
      b.optimizer(OptimizerType.SGD);
    }
    return b.build();
  }

  private static Model fitResolved(
      TrainingSettings settings,
      PreprocessSettings preprocess,
      BalanceSettings balance,
      Dataset train,
      ProgressListener progress,
      Checkpointing checkpointing) {
    if (checkpointing != null && settings.optimizer() == OptimizerType.LBFGS) {
      throw new SoftclassException(
          "checkpoints are for training that runs for epochs (SGD, Adam, AdamW); L-BFGS runs in"
              + " full batches and cannot be resumed: add --optimizer sgd (or adam, adamw), or"
              + " leave out --checkpoint-dir");
    }
    if (settings.optimizer().needsNetworkTrainer()) {
      return NetworkTrainer.fit(
          settings,
          NetworkSettings.linear(),
          preprocess,
          balance,
          train,
          progress,
          null,
          checkpointing);
    }
    boolean multiLabel = train.hasLabelSets();
    if (!train.hasLabels() && !multiLabel) {
      throw new SoftclassException(train.source() + ": training data needs a label for every row");
    }
    DataChecks.requireFinite(train);
    Head head =
        multiLabel
            ? MultiLabelChecks.choose(settings.head(), settings.outputs(), train, progress::warning)
            : HeadChecks.choose(
                settings.head() == HeadType.AUTO && settings.shapedLoss()
                    ? HeadType.SOFTMAX
                    : settings.head(),
                settings.outputs(),
                train);
    if (head instanceof HingeHead) {
      head = HingeHead.untrained(head.numClasses(), settings.loss() != LossType.HINGE);
    }
    if (multiLabel && settings.shapedLoss()) {
      throw new SoftclassException(
          "--loss focal and --label-smoothing shape a softmax's loss; multi-label data trains"
              + " independent sigmoids: leave them out");
    }
    Head trainingHead = trainingHead(head, settings);
    if (!multiLabel && !settings.positiveWeights().equals(PositiveWeights.NONE)) {
      progress.warning(
          "--positive-weight applies to multi-label data only; it is ignored for this "
              + (head.numClasses() == 2 ? "binary" : "multi-class")
              + " model");
    }
    if (multiLabel && !balance.equals(BalanceSettings.none())) {
      throw new SoftclassException(
          "--class-weight and --resample balance the classes of single-label data; for"
              + " multi-label data weigh each label's positive rows with --positive-weight"
              + " balanced (or a weight per label)");
    }
    int columns = head.numOutputs() > 2 ? VectorOps.stride(head.numOutputs()) : head.numOutputs();
    // Before the column encoder and the scaling make their arrays with an entry per column: the
    // columns with one copy of the weights (SGD's in doubles, the model's in floats), then L-BFGS's
    // copies (sparse data pass through the encoder unchanged, so the parameters are known here).
    ColumnMemory.require(train, head.numOutputs(), (8L + 4L) * columns);
    if (settings.optimizer() == OptimizerType.LBFGS && train.features() instanceof CsrMatrix) {
      requireMemoryForLbfgs((long) train.numFeatures() * columns + head.numOutputs());
    }
    long start = System.nanoTime();
    ColumnEncoder encoder = ColumnEncoderFitter.fit(train, preprocess, progress::warning);
    FeatureMatrix raw = encoder.isIdentity() ? train.features() : encoder.apply(train);
    if (settings.scale() == ScaleMode.NONE) {
      String warning = DataChecks.scaleWarning(raw);
      if (!warning.isEmpty()) {
        progress.warning(warning);
      }
    }
    FeatureTransform transform =
        FeatureTransform.fit(
            raw,
            settings.scale(),
            preprocess.imputation(),
            encoder.isIdentity() ? null : encoder.zeroOneOutputs());
    ImbalanceHandling.Rows rows =
        multiLabel
            ? new ImbalanceHandling.Rows(transform.apply(raw), null, null)
            : ImbalanceHandling.apply(
                transform.apply(raw), train, balance, settings.seed(), progress::warning);
    FeatureMatrix x = rows.x();
    RowLoss rowLoss =
        multiLabel
            ? RowLoss.multiLabel(
                (IndependentSigmoidHead) head,
                train.labelSets(),
                settings.positiveWeights().resolve(train.labelSets(), train.encoder().classes()))
            : RowLoss.weighted(RowLoss.of(trainingHead, rows.y()), rows.weights());
    ExecutorService executor =
        settings.threads() > 1 && settings.optimizer() == OptimizerType.LBFGS
            ? Executors.newFixedThreadPool(settings.threads(), Trainer::daemon)
            : null;
    requireOneArray(x.cols(), columns);
    int passes =
        settings.optimizer() == OptimizerType.LBFGS ? settings.maxIterations() : settings.epochs();
    VectorOps.Kernels kernels = VectorOps.forWork(2.0 * x.storedValues() * columns * passes);
    // The automatic learning rate costs a pass over the data: only SGD needs it.
    MiniBatchSgd sgd =
        settings.optimizer() != OptimizerType.SGD
            ? null
            : new MiniBatchSgd(
                settings.epochs(),
                settings.batchSize(),
                settings.learningRate() > 0
                    ? settings.learningRate()
                    // + 1: the bias is a weight whose input is always 1. Without it, rows
                    // that scale to zeros (constant features) would get a step of 1 / l2.
                    : 1.0 / (0.5 * (meanSquaredNorm(x) + 1) + settings.l2()),
                settings.seed());
    IterationCallback perEpoch = (i, total, v) -> progress.step("epoch", i, total, v);
    CheckpointStore checkpoints =
        checkpointing == null
            ? null
            : new CheckpointStore(
                checkpointing,
                CheckpointStore.fingerprint(
                    runParams(settings, preprocess, balance),
                    sgd.learningRate(),
                    x,
                    rows.weights(),
                    multiLabel
                        ? new int[][] {train.labelSets().offsets(), train.labelSets().flatLabels()}
                        : new int[][] {rows.y()}));
    EpochCheckpoints epochCheckpoints = checkpoints == null ? EpochCheckpoints.NONE : checkpoints;
    IterationCallback perIteration = (i, total, v) -> progress.step("iteration", i, total, v);
    OptimizationResult result;
    OutputLayer layer;
    int plattFolds = 0;
    try {
      if (head instanceof HingeHead hinge) {
        PlattCrossFit.Result platt =
            PlattCrossFit.fit(
                hinge,
                x,
                rows.y(),
                rows.weights(),
                settings.seed(),
                (xs, ys, ws) ->
                    fitWeights(
                            settings,
                            trainingHead,
                            xs,
                            ys,
                            ws,
                            RowLoss.weighted(RowLoss.of(trainingHead, ys), ws),
                            false,
                            sgd,
                            kernels,
                            executor,
                            IterationCallback.NONE,
                            IterationCallback.NONE,
                            EpochCheckpoints.NONE)
                        .layer());
        head = platt.head();
        plattFolds = platt.folds();
      }
      Fitted fitted =
          fitWeights(
              settings,
              trainingHead,
              x,
              rows.y(),
              rows.weights(),
              rowLoss,
              multiLabel,
              sgd,
              kernels,
              executor,
              perEpoch,
              perIteration,
              epochCheckpoints);
      layer = fitted.layer();
      result = fitted.result();
    } finally {
      if (executor != null) {
        executor.shutdownNow();
      }
      progress.finished();
    }
    if (!Double.isFinite(result.value())) {
      throw new SoftclassException(
          "training diverged (the objective became "
              + result.value()
              + "): scale the features (--scale auto) or, with SGD, lower the learning rate");
    }
    if (!result.converged()) {
      progress.warning(
          "L-BFGS stopped at the iteration limit ("
              + settings.maxIterations()
              + ") before converging; raise --max-iter or --l2 for a tighter fit");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> training = new LinkedHashMap<>(settings.params());
    training.put("data", train.source());
    training.put("rows", train.size());
    if (x.rows() != train.size()) {
      training.put("rows_resampled", x.rows());
    }
    training.putAll(preprocess.params());
    training.putAll(balance.params());
    training.put("features", train.numFeatures());
    training.put("sparse_input", !(train.features() instanceof dev.softclass.data.DenseMatrix));
    training.put("iterations", result.iterations());
    training.put("evaluations", result.evaluations());
    training.put("converged", result.converged());
    training.put("stop_reason", result.reason());
    training.put("objective", result.value());
    training.put("seconds", seconds);
    training.put("kernel", kernels.name());
    if (sgd != null) {
      training.put("lr_used", sgd.learningRate());
    }
    if (plattFolds > 0) {
      training.put("platt_folds", plattFolds);
    }
    if (checkpoints != null && checkpoints.resumedFrom() > 0) {
      training.put("resumed_after_epoch", checkpoints.resumedFrom());
    }
    ModelInfo info = new ModelInfo(training, Map.of(), ModelInfo.currentProvenance());
    return new Model(
        train.encoder(),
        train.featureNames(),
        encoder,
        transform,
        new LinearBody(),
        head,
        layer,
        info,
        null,
        null,
        null);
  }

  /** A fitted output layer and how its optimisation went. */
  private record Fitted(OutputLayer layer, OptimizationResult result) {}

  /**
   * Fits the output layer's weights on preprocessed rows: sparse SGD for single-label CSR rows,
   * else the batched objective minimised by L-BFGS (OWL-QN with L1) or mini-batch SGD.
   */
  private static Fitted fitWeights(
      TrainingSettings settings,
      Head trainingHead,
      FeatureMatrix x,
      int[] y,
      double[] weights,
      RowLoss rowLoss,
      boolean multiLabel,
      MiniBatchSgd sgd,
      VectorOps.Kernels kernels,
      ExecutorService executor,
      IterationCallback perEpoch,
      IterationCallback perIteration,
      EpochCheckpoints epochCheckpoints) {
    if (settings.optimizer() == OptimizerType.SGD && x instanceof CsrMatrix sparse && !multiLabel) {
      SparseSgd.Result r =
          new SparseSgd(sparse, y, weights, trainingHead, settings.l2(), settings.l1(), kernels)
              .fit(sgd, perEpoch, epochCheckpoints);
      return new Fitted(
          r.layer(),
          new OptimizationResult(
              null, r.objective(), settings.epochs(), (int) r.steps(), true, "all epochs done"));
    }
    LinearObjective objective =
        new LinearObjective(
            x, rowLoss, trainingHead.numOutputs(), settings.l2(), executor, kernels);
    OptimizationResult result;
    if (settings.optimizer() == OptimizerType.LBFGS) {
      requireMemoryForLbfgs(objective.dimension());
      if (settings.l1() > 0) {
        OwlQn owlQn = new OwlQn(10, settings.maxIterations(), settings.tolerance(), 1e-12);
        result =
            owlQn.minimize(
                objective,
                new double[objective.dimension()],
                settings.l1(),
                objective.penalisedCount(),
                perIteration);
      } else {
        Lbfgs lbfgs = new Lbfgs(10, settings.maxIterations(), settings.tolerance(), 1e-12);
        result = lbfgs.minimize(objective, new double[objective.dimension()], perIteration);
      }
    } else {
      result =
          sgd.minimize(
              objective,
              new double[objective.dimension()],
              settings.l1(),
              objective.penalisedCount(),
              perEpoch,
              epochCheckpoints);
    }
    return new Fitted(objective.outputLayer(result.x()), result);
  }

  /** Every setting of a run, as the model's training section records them. */
  private static Map<String, Object> runParams(
      TrainingSettings settings, PreprocessSettings preprocess, BalanceSettings balance) {
    Map<String, Object> params = new LinkedHashMap<>(settings.params());
    params.putAll(preprocess.params());
    params.putAll(balance.params());
    return params;
  }

  /**
   * The head whose loss training minimises: {@code head} itself, or for a focal loss or label
   * smoothing a {@link SmoothedSoftmaxHead} with the same outputs (the model keeps the plain
   * softmax, which predicts the same way).
   *
   * @throws SoftclassException if a shaped loss is asked of a head that is not a softmax
   */
  private static Head trainingHead(Head head, TrainingSettings settings) {
    if (!settings.shapedLoss()) {
      return head;
    }
    if (!(head instanceof SoftmaxHead)) {
      throw new SoftclassException(
          "--loss focal and --label-smoothing are for softmax heads; this is a "
              + head.name()
              + " head: use --head softmax (two outputs for two classes)");
    }
    return new SmoothedSoftmaxHead(
        head.numOutputs(),
        settings.labelSmoothing(),
        settings.loss() == LossType.FOCAL ? settings.gamma() : 0);
  }

  /**
   * Refuses an L-BFGS run whose vectors (10 correction pairs and 8 working copies of every
   * parameter) would take more than 80 % of the heap (the rest holds the data and the gradient
   * pass's buffers), before it fails half-way with an out-of-memory error.
   */
  private static void requireMemoryForLbfgs(long parameters) {
    long needed = 8L * parameters * (2 * 10 + 8);
    long heap = Runtime.getRuntime().maxMemory();
    if (needed > 0.8 * heap) {
      throw new SoftclassException(
          String.format(
              java.util.Locale.ROOT,
              "L-BFGS would need about %.1f GB for %,d parameters (10 correction pairs and its"
                  + " working vectors), more than 80 %% of the %.1f GB Java heap, which must also"
                  + " hold the data: use --optimizer"
                  + " sgd, which needs one copy of the weights, or give Java more memory (for"
                  + " example JAVA_OPTS=-Xmx%dg)",
              needed / 1e9,
              parameters,
              heap / 1e9,
              (long) Math.ceil(needed / 0.8 / (1L << 30)) + 1));
    }
  }

  /** Refuses a weight matrix larger than one Java array, before an allocation overflows. */
  private static void requireOneArray(int features, int columns) {
    long weights = (long) features * columns;
    if (weights > Integer.MAX_VALUE - 16) {
      throw new SoftclassException(
          String.format(
              java.util.Locale.ROOT,
              "%,d features x %,d outputs are %,d weights, more than one array holds (%,d):"
                  + " hash the features into fewer columns, or use fewer classes",
              features,
              columns,
              weights,
              Integer.MAX_VALUE - 16));
    }
  }

  /** Mean over rows of the squared Euclidean norm of the (scaled) features. */
  private static double meanSquaredNorm(FeatureMatrix x) {
    double sum = 0;
    if (x instanceof CsrMatrix m) {
      for (float v : m.values()) {
        sum += (double) v * v;
      }
    } else {
      for (float v : ((dev.softclass.data.DenseMatrix) x).data()) {
        sum += (double) v * v;
      }
    }
    return x.rows() == 0 ? 0 : sum / x.rows();
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "softclass-train");
    t.setDaemon(true);
    return t;
  }
}
