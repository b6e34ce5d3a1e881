package dev.softclass;

import dev.softclass.balance.BalanceSettings;
import dev.softclass.body.Activation;
import dev.softclass.data.Dataset;
import dev.softclass.head.HeadType;
import dev.softclass.optim.LearningRateSchedule;
import dev.softclass.preprocess.PreprocessSettings;
import dev.softclass.preprocess.ScaleMode;
import dev.softclass.train.Checkpointing;
import dev.softclass.train.NetworkSettings;
import dev.softclass.train.NetworkTrainer;
import dev.softclass.train.OptimizerType;
import dev.softclass.train.ProgressListener;
import dev.softclass.train.Trainer;
import dev.softclass.train.TrainingSettings;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A reusable, immutable training configuration. Each setter returns a new configuration; {@link
 * #fit} trains a {@link Model} and may be called any number of times, from any thread.
 *
 * <pre>{@code
 * Model model = Classifier.logistic().l2(1e-3).fit(train);
 * double[] p = model.predictProba(row);
 * Model net = Classifier.mlp(256, 128).dropout(0.2).sgd(20, 128, 1e-3).earlyStopping(3).fit(train);
 * }</pre>
 */
public final class Classifier {
  private final TrainingSettings settings;
  private final NetworkSettings network;
  private final PreprocessSettings preprocess;
  private final BalanceSettings balance;
  private final ProgressListener progress;

  private Classifier(
      TrainingSettings settings, NetworkSettings network, ProgressListener progress) {
    this(settings, network, PreprocessSettings.defaults(), BalanceSettings.none(), progress);
  }

  private Classifier(
      TrainingSettings settings,
      NetworkSettings network,
      PreprocessSettings preprocess,
      BalanceSettings balance,
      ProgressListener progress) {
    this.settings = settings;
    this.network = network;
    this.preprocess = preprocess;
    this.balance = balance;
    this.progress = progress;
  }

  /**
   * Multinomial logistic regression (a linear body with a softmax head; a sigmoid head for two
   * classes), with every default spelled out: head {@code auto}, L2 {@code 1e-4} on the mean loss,
   * L-BFGS for at most 500 iterations to a gradient tolerance of {@code 1e-5}, standard scaling of
   * dense features (max-abs for sparse), seed 42, one thread per core.
   */
  public static Classifier logistic() {
    return new Classifier(TrainingSettings.defaults(), null, ProgressListener.NONE);
  }

  /**
   * A multilayer perceptron with these hidden layer widths (none: a linear model trained on
   * mini-batches), with scikit-learn's {@code MLPClassifier} defaults otherwise: ReLU, Adam at
   * learning rate 1e-3, mini-batches of 200, 20 epochs, He initialisation, head {@code auto}, L2
   * {@code 1e-4} on the mean loss, standard scaling, seed 42, one thread per core.
   */
  public static Classifier mlp(int... hidden) {
    TrainingSettings s =
        TrainingSettings.defaults().toBuilder()
            .optimizer(OptimizerType.ADAM)
            .epochs(20)
            .batchSize(200)
            .build();
    NetworkSettings n =
        NetworkSettings.defaults().withHidden(Arrays.stream(hidden).boxed().toList());
    return new Classifier(s, n, ProgressListener.NONE);
  }

  /** A configuration with exactly these settings (a linear model). */
  public static Classifier of(TrainingSettings settings) {
    return new Classifier(Objects.requireNonNull(settings), null, ProgressListener.NONE);
  }

  /** A network with exactly these settings. */
  public static Classifier of(TrainingSettings settings, NetworkSettings network) {
    return new Classifier(
        Objects.requireNonNull(settings), Objects.requireNonNull(network), ProgressListener.NONE);
  }

  /**
   * The configuration a model file's {@code training} section records (a network when it says
   * {@code "model_type": "mlp"}, or was trained by a mini-batch network optimiser).
   *
   * @throws SoftclassException if a value has the wrong type or is out of range
   */
  public static Classifier fromParams(Map<String, Object> training) {
    TrainingSettings s = TrainingSettings.fromParams(training);
    boolean net = "mlp".equals(training.get("model_type")) || s.optimizer().needsNetworkTrainer();
    return new Classifier(
        s, net ? NetworkSettings.fromParams(training) : null, ProgressListener.NONE);
  }

  /** The settings. */
  public TrainingSettings settings() {
    return settings;
  }

  /** The network settings, if this configuration trains a network. */
  public Optional<NetworkSettings> network() {
    return java.util.Optional.ofNullable(network);
  }

  /** Hidden layer widths: a network (see {@link #mlp}); none gives a linear model. */
  public Classifier hidden(int... widths) {
    NetworkSettings n = network == null ? NetworkSettings.defaults() : network;
    return withNetwork(n.withHidden(Arrays.stream(widths).boxed().toList()));
  }

  /** The hidden layers' activation. */
  public Classifier activation(Activation activation) {
    return withNetwork(net().toBuilder().activation(activation).build());
  }

  /** The share of hidden units dropped in training. */
  public Classifier dropout(double dropout) {
    return withNetwork(net().toBuilder().dropout(dropout).build());
  }

  /** SGD momentum (with {@code nesterov} look-ahead) for {@link OptimizerType#SGD}. */
  public Classifier momentum(double momentum, boolean nesterov) {
    return withNetwork(net().toBuilder().momentum(momentum).nesterov(nesterov).build());
  }

  /** The learning-rate schedule and its warm-up epochs. */
  public Classifier schedule(LearningRateSchedule.Kind schedule, int warmupEpochs) {
    return withNetwork(net().toBuilder().schedule(schedule).warmupEpochs(warmupEpochs).build());
  }

  /** Clips the global gradient norm at {@code maxNorm} (0: no clipping). */
  public Classifier clipNorm(double maxNorm) {
    return withNetwork(net().toBuilder().clipNorm(maxNorm).build());
  }

  /**
   * Early stopping: hold out 10 % of the rows (stratified) and stop after {@code patience} epochs
   * without a better validation loss, keeping the best epoch's weights.
   */
  public Classifier earlyStopping(int patience) {
    return withNetwork(net().toBuilder().earlyStopping(patience).build());
  }

  /** Any network setting at once. */
  public Classifier network(NetworkSettings settings) {
    return withNetwork(Objects.requireNonNull(settings));
  }

  private NetworkSettings net() {
    return network == null ? NetworkSettings.linear() : network;
  }

  private Classifier withNetwork(NetworkSettings n) {
    TrainingSettings s = settings;
    if (network == null && settings.optimizer() == OptimizerType.LBFGS) {
      // A network trains on mini-batches: switch to the network defaults.
      s = s.toBuilder().optimizer(OptimizerType.ADAM).epochs(20).batchSize(200).build();
    }
    return new Classifier(s, n, preprocess, balance, progress);
  }

  /** L2 strength on the mean loss ({@code l2 = 1 / (C n)} for scikit-learn's {@code C}). */
  public Classifier l2(double l2) {
    return with(settings.toBuilder().l2(l2).build());
  }

  /**
   * L1 strength on the mean loss ({@code l1 = 1 / (C n)} for scikit-learn's {@code C} with an L1
   * penalty); with {@link #l2} as well, the elastic net. Trained by OWL-QN: weights are exactly 0.
   */
  public Classifier l1(double l1) {
    return with(settings.toBuilder().l1(l1).build());
  }

  /** The head kind. */
  public Classifier head(HeadType head) {
    return with(settings.toBuilder().head(head).build());
  }

  /**
   * The training loss: {@code LOG} or {@code FOCAL} for a softmax, {@code SQUARED_HINGE} or {@code
   * HINGE} for a linear SVM ({@link HeadType#HINGE}, which a hinge loss picks by itself).
   */
  public Classifier loss(dev.softclass.train.LossType loss) {
    return with(settings.toBuilder().loss(loss).build());
  }

  /** The head's output count (0: one per class, or one for a sigmoid). */
  public Classifier outputs(int outputs) {
    return with(settings.toBuilder().outputs(outputs).build());
  }

  /** The optimiser. */
  public Classifier optimizer(OptimizerType optimizer) {
    return with(settings.toBuilder().optimizer(optimizer).build());
  }

  /** L-BFGS iteration limit and gradient tolerance. */
  public Classifier convergence(int maxIterations, double tolerance) {
    return with(settings.toBuilder().maxIterations(maxIterations).tolerance(tolerance).build());
  }

  /**
   * SGD epochs, mini-batch size and initial learning rate (0: automatic, see {@link
   * TrainingSettings}).
   */
  public Classifier sgd(int epochs, int batchSize, double learningRate) {
    return with(
        settings.toBuilder()
            .epochs(epochs)
            .batchSize(batchSize)
            .learningRate(learningRate)
            .build());
  }

  /** Seed for everything random. */
  public Classifier seed(long seed) {
    return with(settings.toBuilder().seed(seed).build());
  }

  /** Threads for full-batch gradients (the model is the same for any count). */
  public Classifier threads(int threads) {
    return with(settings.toBuilder().threads(threads).build());
  }

  /** Feature scaling. */
  public Classifier scale(ScaleMode scale) {
    return with(settings.toBuilder().scale(scale).build());
  }

  /**
   * The column steps of the preprocessing pipeline: categorical columns, imputation, missing
   * indicators, dropping constant columns (default: {@link PreprocessSettings#defaults()}).
   */
  public Classifier preprocessing(PreprocessSettings p) {
    return new Classifier(settings, network, Objects.requireNonNull(p), balance, progress);
  }

  /** Class weights and resampling (default: {@link BalanceSettings#none()}). */
  public Classifier balance(BalanceSettings b) {
    return new Classifier(settings, network, preprocess, Objects.requireNonNull(b), progress);
  }

  /** Where progress and warnings go (default: nowhere). */
  public Classifier progress(ProgressListener listener) {
    return new Classifier(settings, network, preprocess, balance, Objects.requireNonNull(listener));
  }

  private Classifier with(TrainingSettings s) {
    return new Classifier(s, network, preprocess, balance, progress);
  }

  /**
   * Trains a model on {@code train}.
   *
   * @throws dev.softclass.guard.GuardRailException if the data and head do not fit together (one
   *     class, a sigmoid on many classes, non-finite values...)
   * @throws SoftclassException if training diverges
   */
  public Model fit(Dataset train) {
    if (network != null) {
      return NetworkTrainer.fit(
          settings, network, preprocess, balance, train, progress, null, null);
    }
    return Trainer.fit(settings, preprocess, balance, train, progress);
  }

  /**
   * Continues training {@code model} on {@code batch} (scikit-learn's {@code partial_fit}): this
   * configuration's epochs of mini-batch steps from the model's weights, keeping its preprocessing,
   * head, classes and architecture. The optimiser's state (momentum, Adam's moments) starts afresh.
   * Works for linear and MLP models.
   *
   * @throws SoftclassException if the optimiser is L-BFGS, or the batch has other features or
   *     classes the model does not know
   */
  public Model partialFit(Model model, Dataset batch) {
    if (settings.optimizer() == OptimizerType.LBFGS) {
      throw new SoftclassException(
          "partialFit takes mini-batch steps: choose the optimizer sgd, adam or adamw");
    }
    return NetworkTrainer.fit(settings, net(), batch, progress, Objects.requireNonNull(model));
  }

  /**
   * Trains a model on {@code train} as {@link #fit(Dataset)} does, saving checkpoints as {@code
   * checkpointing} says and resuming from one if it asks; a resumed model is bit-identical to an
   * uninterrupted run's. Every epoch-based optimiser (SGD, momentum, Adam, AdamW; linear models and
   * MLPs); not L-BFGS.
   *
   * @throws dev.softclass.guard.GuardRailException if the data and head do not fit together
   * @throws SoftclassException if training diverges, the optimiser is L-BFGS, or the checkpoint to
   *     resume from belongs to another run (other data or settings)
   */
  public Model fit(Dataset train, Checkpointing checkpointing) {
    if (network != null) {
      return NetworkTrainer.fit(
          settings,
          network,
          preprocess,
          balance,
          train,
          progress,
          null,
          Objects.requireNonNull(checkpointing));
    }
    return Trainer.fit(
        settings, preprocess, balance, train, progress, Objects.requireNonNull(checkpointing));
  }
}
