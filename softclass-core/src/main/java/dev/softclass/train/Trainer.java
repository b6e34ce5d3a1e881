package dev.softclass.train;

import dev.softclass.Model;
import dev.softclass.ModelInfo;
import dev.softclass.SoftclassException;
import dev.softclass.body.LinearBody;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.Dataset;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.guard.DataChecks;
import dev.softclass.guard.HeadChecks;
import dev.softclass.head.Head;
import dev.softclass.head.OutputLayer;
import dev.softclass.kernel.VectorOps;
import dev.softclass.optim.EpochCheckpoints;
import dev.softclass.optim.IterationCallback;
import dev.softclass.optim.Lbfgs;
import dev.softclass.optim.MiniBatchSgd;
import dev.softclass.optim.OptimizationResult;
import dev.softclass.preprocess.FeatureTransform;
import dev.softclass.preprocess.ScaleMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Trains linear models (logistic regression with a sigmoid or softmax head). Stateless. */
public final class Trainer {
  private Trainer() {}

  /**
   * Checks the data, fits the preprocessing, and fits the weights.
   *
   * @throws dev.softclass.guard.GuardRailException for data the head cannot learn from
   * @throws SoftclassException if training diverges
   */
  public static Model fit(TrainingSettings settings, Dataset train, ProgressListener progress) {
    return fit(settings, train, progress, null);
  }

  /**
   * Trains as {@link #fit(TrainingSettings, Dataset, ProgressListener)}, saving SGD checkpoints as
   * {@code checkpointing} says and resuming from one if asked; the model is bit-identical to an
   * uninterrupted run's.
   *
   * @param checkpointing where and when to save checkpoints, or null for none
   * @throws SoftclassException if training diverges, checkpoints are asked of L-BFGS, or the
   *     checkpoint to resume from belongs to another run
   */
  public static Model fit(
      TrainingSettings settings,
      Dataset train,
      ProgressListener progress,
      Checkpointing checkpointing) {
    if (checkpointing != null && settings.optimizer() != OptimizerType.SGD) {
      throw new SoftclassException(
          "checkpoints are for SGD training, which runs for epochs: add --optimizer sgd, or leave"
              + " out --checkpoint-dir (L-BFGS runs are not resumable)");
    }
    if (!train.hasLabels()) {
      throw new SoftclassException(train.source() + ": training data needs a label for every row");
    }
    DataChecks.requireFinite(train);
    Head head = HeadChecks.choose(settings.head(), settings.outputs(), train);
    if (settings.scale() == ScaleMode.NONE) {
      String warning = DataChecks.scaleWarning(train.features());
      if (!warning.isEmpty()) {
        progress.warning(warning);
      }
    }
    long start = System.nanoTime();
    FeatureTransform transform = FeatureTransform.fit(train.features(), settings.scale());
    FeatureMatrix x = transform.apply(train.features());
    ExecutorService executor =
        settings.threads() > 1 && settings.optimizer() == OptimizerType.LBFGS
            ? Executors.newFixedThreadPool(settings.threads(), Trainer::daemon)
            : null;
    int columns = head.numOutputs() > 2 ? VectorOps.stride(head.numOutputs()) : head.numOutputs();
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
                CheckpointStore.fingerprint(settings, sgd.learningRate(), x, train.labels()));
    EpochCheckpoints epochCheckpoints = checkpoints == null ? EpochCheckpoints.NONE : checkpoints;
    OptimizationResult result;
    OutputLayer layer;
    try {
      if (settings.optimizer() == OptimizerType.SGD && x instanceof CsrMatrix sparse) {
        SparseSgd.Result r =
            new SparseSgd(sparse, train.labels(), head, settings.l2(), kernels)
                .fit(sgd, perEpoch, epochCheckpoints);
        layer = r.layer();
        result =
            new OptimizationResult(
                null, r.objective(), settings.epochs(), (int) r.steps(), true, "all epochs done");
      } else {
        LinearObjective objective =
            new LinearObjective(x, train.labels(), head, settings.l2(), executor, kernels);
        if (settings.optimizer() == OptimizerType.LBFGS) {
          requireMemoryForLbfgs(objective.dimension());
          IterationCallback perIteration = (i, total, v) -> progress.step("iteration", i, total, v);
          Lbfgs lbfgs = new Lbfgs(10, settings.maxIterations(), settings.tolerance(), 1e-12);
          result = lbfgs.minimize(objective, new double[objective.dimension()], perIteration);
        } else {
          result =
              sgd.minimize(
                  objective, new double[objective.dimension()], perEpoch, epochCheckpoints);
        }
        layer = objective.outputLayer(result.x());
      }
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
    if (checkpoints != null && checkpoints.resumedFrom() > 0) {
      training.put("resumed_after_epoch", checkpoints.resumedFrom());
    }
    ModelInfo info = new ModelInfo(training, Map.of(), ModelInfo.currentProvenance());
    return new Model(
        train.encoder(), train.featureNames(), transform, new LinearBody(), head, layer, info);
  }

  /**
   * Refuses an L-BFGS run whose vectors (10 correction pairs and 8 working copies of every
   * parameter) would not fit in the heap, before it fails half-way with an out-of-memory error.
   */
  private static void requireMemoryForLbfgs(int parameters) {
    long needed = 8L * parameters * (2 * 10 + 8);
    long heap = Runtime.getRuntime().maxMemory();
    if (needed > 0.8 * heap) {
      throw new SoftclassException(
          String.format(
              java.util.Locale.ROOT,
              "L-BFGS would need about %.1f GB for %,d parameters (10 correction pairs and its"
                  + " working vectors) but the Java heap holds at most %.1f GB: use --optimizer"
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
