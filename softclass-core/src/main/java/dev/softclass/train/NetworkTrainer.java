package dev.softclass.train;

import dev.softclass.Model;
import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.balance.BalanceSettings;
import dev.softclass.body.MlpBody;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.data.LabelEncoder;
import dev.softclass.guard.DataChecks;
import dev.softclass.guard.HeadChecks;
import dev.softclass.guard.MultiLabelChecks;
import dev.softclass.head.Head;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.kernel.VectorOps;
import dev.softclass.optim.Adam;
import dev.softclass.optim.EpochCheckpoints;
import dev.softclass.optim.GradientClipping;
import dev.softclass.optim.LearningRateSchedule;
import dev.softclass.optim.MomentumSgd;
import dev.softclass.optim.ParameterUpdate;
import dev.softclass.optim.TrainingState;
import dev.softclass.preprocess.ColumnEncoder;
import dev.softclass.preprocess.ColumnEncoderFitter;
import dev.softclass.preprocess.FeatureTransform;
import dev.softclass.preprocess.PreprocessSettings;
import dev.softclass.preprocess.ScaleMode;
import dev.softclass.select.StratifiedSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains networks (an {@link MlpBody}, or none for a linear model) with any head on mini-batches:
 * SGD with momentum, Adam or AdamW, a learning-rate schedule, gradient clipping, dropout and early
 * stopping. Also continues training a saved model ({@code init}).
 *
 * <p>Deterministic for any thread count: every mini-batch is cut into {@link #SHARDS} fixed shards
 * whose boundaries depend only on the batch, each shard's gradient is computed alone, and the
 * shards' gradients are added in shard order; threads only decide who computes which shard.
 */
public final class NetworkTrainer {
  /** Shards per mini-batch (fewer when the batch has fewer rows). */
  static final int SHARDS = 4;

  private NetworkTrainer() {}

  /**
   * Checks the data, fits the preprocessing (or reuses {@code init}'s) and trains.
   *
   * @param init a model to continue from (its preprocessing, head, classes and weights), or null
   * @throws dev.softclass.guard.GuardRailException for data the head cannot learn from
   * @throws SoftclassException if training diverges or the data do not fit {@code init}
   */
  public static Model fit(
      TrainingSettings settings,
      NetworkSettings network,
      Dataset train,
      ProgressListener progress,
      Model init) {
    return fit(
        settings,
        network,
        PreprocessSettings.defaults(),
        BalanceSettings.none(),
        train,
        progress,
        init,
        null);
  }

  /**
   * Checks the data, fits the preprocessing pipeline as the linear trainer does (column encoder,
   * then imputation and scaling; or reuses {@code init}'s), handles class imbalance on the scaled
   * training rows (class weights in the loss, resampling; the early-stopping validation rows are
   * split off first and neither resampled nor weighted), and trains, saving checkpoints as {@code
   * checkpointing} says (the weights, the optimiser's moments or velocities, the step count, the
   * early-stopping state and the best weights so far) and resuming from one if it asks. The example
   * order and dropout masks are functions of the seed, the epoch and the step, so a resumed run
   * ends with the same model, bit for bit, as an uninterrupted one.
   *
   * @param preprocess the column pipeline's settings (ignored when continuing {@code init}, whose
   *     pipeline is kept)
   * @param balance class weights and resampling, for single-label data
   * @param init a model to continue from (its preprocessing, head, classes and weights), or null;
   *     not together with {@code checkpointing}
   * @param checkpointing where and when to save checkpoints, or null for none
   * @throws dev.softclass.guard.GuardRailException for data the head cannot learn from
   * @throws SoftclassException if training diverges, the data do not fit {@code init}, class
   *     balancing is asked for multi-label data, or the checkpoint to resume from belongs to
   *     another run (other data or settings)
   */
  public static Model fit(
      TrainingSettings settings,
      NetworkSettings network,
      PreprocessSettings preprocess,
      BalanceSettings balance,
      Dataset train,
      ProgressListener progress,
      Model init,
      Checkpointing checkpointing) {
    if (init != null && checkpointing != null) {
      throw new SoftclassException(
          "continuing a saved model and checkpoints do not go together: resume a checkpoint, or"
              + " continue a saved model without checkpoints");
    }
    boolean multiLabel = train.hasLabelSets();
    if (settings.head() == dev.softclass.head.HeadType.HINGE || settings.loss().isHinge()) {
      throw new SoftclassException(
          "the hinge head is a linear SVM trained by --optimizer lbfgs or sgd; networks and the"
              + " network optimisers train softmax and sigmoid heads");
    }
    if (multiLabel && !balance.equals(BalanceSettings.none())) {
      throw new SoftclassException(
          "--class-weight and --resample balance the classes of single-label data; for"
              + " multi-label data weigh each label's positive rows with --positive-weight"
              + " balanced (or a weight per label)");
    }
    if (!train.hasLabels() && !multiLabel) {
      throw new SoftclassException(train.source() + ": training data needs a label for every row");
    }
    if (settings.optimizer() == OptimizerType.LBFGS) {
      throw new SoftclassException(
          "L-BFGS trains linear models in full batches; a network trains on mini-batches: use"
              + " --optimizer adam, adamw or sgd");
    }
    DataChecks.requireFinite(train);
    long start = System.nanoTime();
    Dataset fitPart = train;
    Dataset validation = null;
    if (network.earlyStopping() > 0) {
      int[][] rows =
          multiLabel
              ? shuffledSplit(train.size(), network.validationFraction(), settings.seed())
              : StratifiedSplit.rows(train, network.validationFraction(), settings.seed());
      fitPart = train.subset(rows[0]);
      validation = train.subset(rows[1]);
    }
    Head head;
    ColumnEncoder columns;
    FeatureTransform transform;
    LabelEncoder classes;
    if (init == null) {
      head =
          multiLabel
              ? MultiLabelChecks.choose(
                  settings.head(), settings.outputs(), train, progress::warning)
              : HeadChecks.choose(settings.head(), settings.outputs(), train);
      // Before the column encoder and the scaling make their arrays with an entry per column. The
      // first layer's weights per column, in floats: the weights, their gradients and at least one
      // optimiser state (momentum; Adam keeps two).
      int units = network.hidden().isEmpty() ? head.numOutputs() : network.hidden().get(0);
      ColumnMemory.require(train, units, 3L * 4 * units);
      if (settings.scale() == ScaleMode.NONE) {
        String warning = DataChecks.scaleWarning(train.features());
        if (!warning.isEmpty()) {
          progress.warning(warning);
        }
      }
      columns = ColumnEncoderFitter.fit(fitPart, preprocess, progress::warning);
      transform =
          FeatureTransform.fit(
              encode(columns, fitPart),
              settings.scale(),
              preprocess.imputation(),
              columns.isIdentity() ? null : columns.zeroOneOutputs());
      classes = train.encoder();
    } else {
      if (train.numFeatures() != init.numFeatures()) {
        throw new SoftclassException(
            train.source()
                + " has "
                + train.numFeatures()
                + " features but the model to continue from reads "
                + init.numFeatures());
      }
      head = init.head();
      columns = init.columns();
      transform = init.transform();
      classes = init.encoder();
    }
    if (multiLabel && init != null && !train.encoder().classes().equals(classes.classes())) {
      throw new SoftclassException(
          train.source()
              + " has the labels "
              + train.encoder().classes()
              + " but the model to continue from has "
              + classes.classes()
              + "; a multi-label model continues only on data with the same labels");
    }
    int[] remap = multiLabel ? null : labelMap(train, classes);
    Network net =
        init == null
            ? Network.initial(
                columns.outputDim(),
                network.hidden().stream().mapToInt(Integer::intValue).toArray(),
                network.activation(),
                head,
                network.init(),
                new SplittableRandom(settings.seed()))
            : Network.of(columns.outputDim(), init.body(), head, init.outputLayer());
    FeatureMatrix x;
    RowLoss loss;
    double[] rowWeights = null;
    int[][] fitLabels;
    if (multiLabel) {
      x = transform.apply(encode(columns, fitPart));
      loss = rowLoss(settings, head, fitPart, remap);
      fitLabels = new int[][] {fitPart.labelSets().offsets(), fitPart.labelSets().flatLabels()};
    } else {
      ImbalanceHandling.Rows rows =
          ImbalanceHandling.apply(
              transform.apply(encode(columns, fitPart)),
              fitPart,
              balance,
              settings.seed(),
              progress::warning);
      x = rows.x();
      rowWeights = rows.weights();
      fitLabels = new int[][] {mapped(rows.y(), remap)};
      loss = RowLoss.weighted(RowLoss.of(head, fitLabels[0]), rowWeights);
    }
    FeatureMatrix vx = validation == null ? null : transform.apply(encode(columns, validation));
    RowLoss vLoss = validation == null ? null : rowLoss(settings, head, validation, remap);
    int[] vy = validation == null || multiLabel ? null : mapped(validation.labels(), remap);

    CheckpointStore checkpoints =
        checkpointing == null
            ? null
            : new CheckpointStore(
                checkpointing,
                fingerprint(settings, network, preprocess, balance, x, rowWeights, fitLabels));
    Run run =
        new Run(
            settings,
            network,
            net,
            x,
            loss,
            vx,
            vLoss,
            vy,
            progress,
            checkpoints == null ? EpochCheckpoints.NONE : checkpoints);
    Run.Outcome outcome;
    try {
      outcome = run.train();
    } finally {
      run.close();
      progress.finished();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> training = new LinkedHashMap<>(settings.params());
    training.put("model_type", net.hiddenLayers() == 0 ? "linear" : "mlp");
    training.putAll(network.params());
    // A continued model keeps its own architecture, whatever the settings say.
    training.put("hidden", java.util.Arrays.stream(net.widths).boxed().toList());
    training.put("activation", net.activation.id());
    training.put("lr_used", run.learningRate);
    training.put("data", train.source());
    training.put("rows", train.size());
    if (x.rows() != fitPart.size()) {
      training.put("rows_resampled", x.rows());
    }
    if (init == null) {
      training.putAll(preprocess.params());
      training.putAll(balance.params());
    }
    training.put("features", train.numFeatures());
    training.put("sparse_input", !(train.features() instanceof DenseMatrix));
    training.put("iterations", outcome.epochs());
    training.put("evaluations", outcome.steps());
    training.put("converged", true);
    training.put("stop_reason", outcome.reason());
    training.put("objective", outcome.trainLoss());
    if (outcome.bestEpoch() > 0) {
      training.put("best_epoch", outcome.bestEpoch());
      training.put("validation_log_loss", outcome.bestValidationLoss());
    }
    if (checkpoints != null && checkpoints.resumedFrom() > 0) {
      training.put("resumed_after_epoch", checkpoints.resumedFrom());
    }
    if (init != null) {
      training.put("continued_from", init.info().training().getOrDefault("data", "a saved model"));
    }
    training.put("seconds", seconds);
    training.put("seconds_per_epoch", outcome.trainSeconds() / outcome.epochs());
    training.put("kernel", VectorOps.kernelName());
    ModelInfo info = new ModelInfo(training, Map.of(), ModelInfo.currentProvenance());
    return new Model(
        classes,
        train.featureNames(),
        columns,
        transform,
        net.body(),
        head,
        net.outputLayer(),
        info,
        null,
        null,
        null);
  }

  /** The numeric inputs the column encoder makes of {@code data}'s raw columns. */
  private static FeatureMatrix encode(ColumnEncoder columns, Dataset data) {
    return columns.isIdentity() ? data.features() : columns.apply(data);
  }

  /**
   * What identifies a network run for its checkpoints: every setting (threads aside), the pipeline
   * and balance settings, the learning rate, the preprocessed (and resampled) training rows, their
   * loss weights and their labels.
   */
  private static String fingerprint(
      TrainingSettings settings,
      NetworkSettings network,
      PreprocessSettings preprocess,
      BalanceSettings balance,
      FeatureMatrix x,
      double[] rowWeights,
      int[][] labels) {
    Map<String, Object> params = new java.util.TreeMap<>(settings.params());
    params.putAll(network.params());
    params.putAll(preprocess.params());
    params.putAll(balance.params());
    params.put("trainer", "network");
    return CheckpointStore.fingerprint(params, learningRate(settings), x, rowWeights, labels);
  }

  /** The learning rate: the settings', or the optimiser's default. */
  private static double learningRate(TrainingSettings settings) {
    return settings.learningRate() > 0
        ? settings.learningRate()
        : settings.optimizer() == OptimizerType.SGD ? 0.01 : 1e-3;
  }

  /**
   * A network model with the freshly initialised weights {@link #fit} starts from for these
   * settings (the seed included), for trainers that call {@code fit} in rounds on parts of the data
   * and continue from a shared model (such as a parameter-averaging distributed trainer).
   *
   * @param classes the class (or label) names
   * @param featureNames the raw input columns, as many as {@code transform} reads
   * @param transform the preprocessing the model applies
   * @param head the head to train
   */
  public static Model initialModel(
      TrainingSettings settings,
      NetworkSettings network,
      LabelEncoder classes,
      List<String> featureNames,
      FeatureTransform transform,
      Head head) {
    Network net =
        Network.initial(
            transform.dim(),
            network.hidden().stream().mapToInt(Integer::intValue).toArray(),
            network.activation(),
            head,
            network.init(),
            new SplittableRandom(settings.seed()));
    return new Model(
        classes,
        featureNames,
        transform,
        net.body(),
        head,
        net.outputLayer(),
        new ModelInfo(Map.of(), Map.of(), ModelInfo.currentProvenance()));
  }

  /** The loss of each row of {@code data}: against its class, or its label set. */
  private static RowLoss rowLoss(TrainingSettings settings, Head head, Dataset data, int[] remap) {
    if (data.hasLabelSets()) {
      return RowLoss.multiLabel(
          (IndependentSigmoidHead) head,
          data.labelSets(),
          settings.positiveWeights().resolve(data.labelSets(), data.encoder().classes()));
    }
    return RowLoss.of(head, mapped(data.labels(), remap));
  }

  /**
   * Rows shuffled with the seed, the first {@code fraction} of them held out: {@code {train,
   * test}}.
   */
  private static int[][] shuffledSplit(int n, double fraction, long seed) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    dev.softclass.optim.MiniBatchSgd.shuffle(order, new SplittableRandom(seed));
    int held = (int) Math.round(fraction * n);
    if (held < 1 || held >= n) {
      throw new SoftclassException(
          "a validation fraction of " + fraction + " of " + n + " rows leaves a part empty");
    }
    int[] test = java.util.Arrays.copyOf(order, held);
    int[] train = java.util.Arrays.copyOfRange(order, held, n);
    java.util.Arrays.sort(test);
    java.util.Arrays.sort(train);
    return new int[][] {train, test};
  }

  /** For each class index of {@code data}, its index among {@code classes}. */
  private static int[] labelMap(Dataset data, LabelEncoder classes) {
    List<String> names = data.encoder().classes();
    int[] map = new int[names.size()];
    for (int c = 0; c < map.length; c++) {
      map[c] = classes.indexOf(names.get(c));
      if (map[c] < 0) {
        throw new SoftclassException(
            data.source()
                + " has the class '"
                + names.get(c)
                + "', which the model does not know (its classes are "
                + classes.classes()
                + "); a model continues training only on its own classes");
      }
    }
    return map;
  }

  private static int[] mapped(int[] labels, int[] map) {
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = map[labels[i]];
    }
    return out;
  }

  /** One training run's state. */
  private static final class Run implements AutoCloseable {
    record Outcome(
        int epochs,
        long steps,
        double trainLoss,
        String reason,
        int bestEpoch,
        double bestValidationLoss,
        double trainSeconds) {}

    private final TrainingSettings settings;
    private final NetworkSettings network;
    private final Network net;
    private final FeatureMatrix x;
    private final RowLoss loss;
    private final FeatureMatrix vx;
    private final RowLoss vLoss;
    private final int[] vy;
    private final ProgressListener progress;
    private final Network.Workspace[] shards;
    private final ExecutorService executor;
    private final double learningRate;
    private final EpochCheckpoints checkpoints;

    Run(
        TrainingSettings settings,
        NetworkSettings network,
        Network net,
        FeatureMatrix x,
        RowLoss loss,
        FeatureMatrix vx,
        RowLoss vLoss,
        int[] vy,
        ProgressListener progress,
        EpochCheckpoints checkpoints) {
      this.settings = settings;
      this.checkpoints = checkpoints;
      this.network = network;
      this.net = net;
      this.x = x;
      this.loss = loss;
      this.vx = vx;
      this.vLoss = vLoss;
      this.vy = vy;
      this.progress = progress;
      if (!(x instanceof DenseMatrix)) {
        net.useSparseLayout();
      }
      int batch = Math.min(settings.batchSize(), Math.max(1, x.rows()));
      int shardRows = Math.max(32, (batch + SHARDS - 1) / SHARDS);
      shards = new Network.Workspace[SHARDS];
      for (int s = 0; s < SHARDS; s++) {
        shards[s] = net.new Workspace(shardRows);
      }
      int threads = Math.min(settings.threads(), SHARDS);
      executor =
          threads > 1
              ? Executors.newFixedThreadPool(
                  threads,
                  r -> {
                    Thread t = new Thread(r, "softclass-train");
                    t.setDaemon(true);
                    return t;
                  })
              : null;
      learningRate = NetworkTrainer.learningRate(settings);
    }

    Outcome train() {
      int n = x.rows();
      int batch = Math.min(settings.batchSize(), n);
      long stepsPerEpoch = (n + batch - 1) / batch;
      long total = stepsPerEpoch * settings.epochs();
      LearningRateSchedule schedule =
          new LearningRateSchedule(
              network.schedule(),
              learningRate,
              network.warmupEpochs() * stepsPerEpoch,
              Math.max(1, network.stepEpochs() * stepsPerEpoch),
              network.gamma(),
              total);
      ParameterUpdate update = updateRule();
      boolean coupledL2 = settings.optimizer() != OptimizerType.ADAMW && settings.l2() > 0;
      boolean[] weights = net.weightTensors();
      EarlyStopping stopping =
          network.earlyStopping() > 0 ? new EarlyStopping(network.earlyStopping()) : null;
      float[][] best = null;
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      SplittableRandom shuffle = new SplittableRandom(settings.seed() ^ 0x5DEECE66DL);
      long step = 0;
      double epochLoss = Double.NaN;
      int epoch = 0;
      String reason = "all epochs done";
      long trainNanos = 0;
      TrainingState resumed = checkpoints.restore();
      if (resumed != null) {
        for (int t = 0; t < net.params.length; t++) {
          float[] p = net.params[t];
          System.arraycopy(resumed.floatArray("param." + t, p.length), 0, p, 0, p.length);
        }
        update.restoreState(resumed);
        step = resumed.steps();
        epoch = resumed.epochsDone();
        epochLoss = resumed.scalar("epoch_loss");
        if (stopping != null) {
          stopping.restore(
              resumed.scalar("early_stopping.best_loss"),
              (int) resumed.scalar("early_stopping.best_epoch"),
              (int) resumed.scalar("early_stopping.since_best"));
          if (resumed.floats().containsKey("best.0")) {
            best = new float[net.params.length][];
            for (int t = 0; t < best.length; t++) {
              best[t] = resumed.floatArray("best." + t, net.params[t].length);
            }
          }
        }
        // The example order of the epochs done, replayed: each epoch shuffles the last order.
        for (int e = 0; e < epoch; e++) {
          dev.softclass.optim.MiniBatchSgd.shuffle(order, shuffle);
        }
      }
      while (epoch < settings.epochs()) {
        epoch++;
        long epochStart = System.nanoTime();
        dev.softclass.optim.MiniBatchSgd.shuffle(order, shuffle);
        double lossSum = 0;
        for (int from = 0; from < n; from += batch) {
          int to = Math.min(n, from + batch);
          double loss = batchGradient(order, from, to, step);
          if (!Double.isFinite(loss)) {
            throw diverged(epoch, "the loss became " + loss);
          }
          lossSum += loss;
          float[][] g = shards[0].grads;
          if (coupledL2) {
            for (int t = 0; t < g.length; t++) {
              if (weights[t]) {
                VectorOps.axpy((float) settings.l2(), net.params[t], 0, g[t], 0, g[t].length);
              }
            }
          }
          if (network.clipNorm() > 0) {
            GradientClipping.clip(g, network.clipNorm());
          }
          update.step(net.params, g, schedule.rate(step));
          step++;
        }
        trainNanos += System.nanoTime() - epochStart;
        epochLoss = lossSum / n;
        if (!finiteParams()) {
          throw diverged(epoch, "a weight overflowed");
        }
        double validationLoss = Double.NaN;
        double vAccuracy = Double.NaN;
        if (vx != null) {
          double[] v = evaluate(vx, vLoss, vy);
          validationLoss = v[0];
          vAccuracy = v[1];
          if (!Double.isFinite(validationLoss)) {
            throw diverged(epoch, "the validation loss became " + validationLoss);
          }
        }
        progress.epoch(epoch, settings.epochs(), epochLoss, validationLoss, vAccuracy);
        if (stopping != null) {
          if (stopping.record(epoch, validationLoss)) {
            best = net.copyParams();
          } else if (stopping.shouldStop()) {
            reason =
                "early stopping: no better validation loss for "
                    + network.earlyStopping()
                    + " epochs; kept epoch "
                    + stopping.bestEpoch();
            break;
          }
        }
        int done = epoch;
        long steps = step;
        double lastLoss = epochLoss;
        float[][] bestSoFar = best;
        checkpoints.afterEpoch(
            done, () -> state(done, steps, lastLoss, update, stopping, bestSoFar));
      }
      if (best != null) {
        net.restore(best);
        if (reason.equals("all epochs done") && stopping.bestEpoch() < epoch) {
          reason =
              "all epochs done; kept epoch " + stopping.bestEpoch() + " (best validation loss)";
        }
      }
      return new Outcome(
          epoch,
          step,
          epochLoss,
          reason,
          stopping == null ? 0 : stopping.bestEpoch(),
          stopping == null ? Double.NaN : stopping.bestLoss(),
          trainNanos / 1e9);
    }

    /** Whether every weight is a finite number (a loss can stay finite while weights overflow). */
    private boolean finiteParams() {
      for (float[] p : net.params) {
        for (float v : p) {
          if (!Float.isFinite(v)) {
            return false;
          }
        }
      }
      return true;
    }

    /** A copy of everything {@link #train} reads when it resumes after epoch {@code done}. */
    private TrainingState state(
        int done,
        long steps,
        double epochLoss,
        ParameterUpdate update,
        EarlyStopping stopping,
        float[][] best) {
      Map<String, float[]> floats = new java.util.HashMap<>();
      Map<String, double[]> arrays = new java.util.HashMap<>();
      for (int t = 0; t < net.params.length; t++) {
        floats.put("param." + t, net.params[t].clone());
        if (best != null) {
          floats.put("best." + t, best[t].clone());
        }
      }
      update.saveState(floats, arrays);
      arrays.put("epoch_loss", new double[] {epochLoss});
      if (stopping != null) {
        arrays.put("early_stopping.best_loss", new double[] {stopping.bestLoss()});
        arrays.put("early_stopping.best_epoch", new double[] {stopping.bestEpoch()});
        arrays.put("early_stopping.since_best", new double[] {stopping.sinceBest()});
      }
      return new TrainingState(done, steps, arrays, floats);
    }

    private ParameterUpdate updateRule() {
      int[] sizes = net.sizes();
      switch (settings.optimizer()) {
        case SGD:
          return new MomentumSgd(sizes, network.momentum(), network.nesterov());
        case ADAMW:
          return new Adam(
              sizes,
              network.beta1(),
              network.beta2(),
              network.epsilon(),
              settings.l2(),
              net.weightTensors());
        default:
          return new Adam(
              sizes, network.beta1(), network.beta2(), network.epsilon(), 0, net.weightTensors());
      }
    }

    /** The advice for a run that diverged; {@code what} says what went non-finite. */
    private SoftclassException diverged(int epoch, String what) {
      return new SoftclassException(
          String.format(
              Locale.ROOT,
              "training diverged in epoch %d (%s): lower the learning rate (--lr, now %g), scale"
                  + " the features (--scale auto) or clip the gradients (--clip-norm 1)",
              epoch,
              what,
              learningRate));
    }

    /**
     * The summed loss of rows {@code order[from..to)}; their mean gradient ends in shard 0's
     * gradients.
     */
    private double batchGradient(int[] order, int from, int to, long step) {
      int m = to - from;
      int count = Math.min(SHARDS, m);
      List<Callable<Double>> tasks = new ArrayList<>(count);
      for (int s = 0; s < count; s++) {
        Network.Workspace ws = shards[s];
        int a = from + (int) ((long) m * s / count);
        int b = from + (int) ((long) m * (s + 1) / count);
        // Each shard's dropout masks come from its own stream, fixed by the seed, step and shard.
        long streamSeed = settings.seed() * 0x9E3779B97F4A7C15L + step * SHARDS + s;
        tasks.add(
            () -> {
              ws.clearGradients();
              ws.gather(x, order, a, b);
              return ws.forwardBackward(
                  b - a,
                  loss,
                  order,
                  a,
                  m,
                  network.dropout(),
                  network.dropout() > 0 ? new SplittableRandom(streamSeed) : null);
            });
      }
      double[] losses = runAll(tasks);
      float[][] total = shards[0].grads;
      for (int s = 1; s < count; s++) {
        float[][] g = shards[s].grads;
        for (int t = 0; t < total.length; t++) {
          VectorOps.axpy(1f, g[t], 0, total[t], 0, total[t].length);
        }
      }
      double loss = 0;
      for (double l : losses) {
        loss += l;
      }
      return loss;
    }

    /**
     * Mean loss and accuracy (NaN without single labels) over {@code data}, in fixed chunks added
     * in order.
     */
    private double[] evaluate(FeatureMatrix data, RowLoss rowLoss, int[] labels) {
      int n = data.rows();
      int chunk = shards[0].maxRows;
      int chunks = (n + chunk - 1) / chunk;
      int[] identity = new int[n];
      for (int i = 0; i < n; i++) {
        identity[i] = i;
      }
      double[] loss = new double[chunks];
      int[] correct = new int[chunks];
      List<Callable<Double>> tasks = new ArrayList<>();
      for (int s = 0; s < Math.min(SHARDS, chunks); s++) {
        Network.Workspace ws = shards[s];
        int first = s;
        tasks.add(
            () -> {
              int k = net.head.numOutputs();
              double[] probs = new double[net.head.numClasses()];
              for (int c = first; c < chunks; c += SHARDS) {
                int a = c * chunk;
                int b = Math.min(n, a + chunk);
                ws.gather(data, identity, a, b);
                ws.forward(b - a, 0, null);
                float[] z = ws.z[net.hiddenLayers()];
                double sum = 0;
                int right = 0;
                for (int r = 0; r < b - a; r++) {
                  for (int j = 0; j < k; j++) {
                    ws.logits[j] = z[r * k + j];
                  }
                  sum += rowLoss.lossAndGradient(a + r, ws.logits, ws.dLogits);
                  if (labels != null) {
                    net.head.probabilities(ws.logits, probs);
                    if (Model.argmax(probs) == labels[a + r]) {
                      right++;
                    }
                  }
                }
                loss[c] = sum;
                correct[c] = right;
              }
              return 0.0;
            });
      }
      runAll(tasks);
      double total = 0;
      long right = 0;
      for (int c = 0; c < chunks; c++) {
        total += loss[c];
        right += correct[c];
      }
      return new double[] {total / n, labels == null ? Double.NaN : (double) right / n};
    }

    private double[] runAll(List<Callable<Double>> tasks) {
      double[] out = new double[tasks.size()];
      try {
        if (executor == null) {
          for (int i = 0; i < out.length; i++) {
            out[i] = tasks.get(i).call();
          }
        } else {
          List<Future<Double>> done = executor.invokeAll(tasks);
          for (int i = 0; i < out.length; i++) {
            out[i] = done.get(i).get();
          }
        }
        return out;
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SoftclassException("training was interrupted");
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      if (executor != null) {
        executor.shutdownNow();
      }
    }
  }
}
