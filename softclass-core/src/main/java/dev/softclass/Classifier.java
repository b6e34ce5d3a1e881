package dev.softclass;

import dev.softclass.balance.BalanceSettings;
import dev.softclass.data.Dataset;
import dev.softclass.head.HeadType;
import dev.softclass.preprocess.PreprocessSettings;
import dev.softclass.preprocess.ScaleMode;
import dev.softclass.train.Checkpointing;
import dev.softclass.train.OptimizerType;
import dev.softclass.train.ProgressListener;
import dev.softclass.train.Trainer;
import dev.softclass.train.TrainingSettings;
import java.util.Objects;

/**
 * A reusable, immutable training configuration. Each setter returns a new configuration; {@link
 * #fit} trains a {@link Model} and may be called any number of times, from any thread.
 *
 * <pre>{@code
 * Model model = Classifier.logistic().l2(1e-3).fit(train);
 * double[] p = model.predictProba(row);
 * }</pre>
 */
public final class Classifier {
  private final TrainingSettings settings;
  private final PreprocessSettings preprocess;
  private final BalanceSettings balance;
  private final ProgressListener progress;

  private Classifier(TrainingSettings settings, ProgressListener progress) {
    this(settings, PreprocessSettings.defaults(), BalanceSettings.none(), progress);
  }

  private Classifier(
      TrainingSettings settings,
      PreprocessSettings preprocess,
      BalanceSettings balance,
      ProgressListener progress) {
    this.settings = settings;
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
    return new Classifier(TrainingSettings.defaults(), ProgressListener.NONE);
  }

  /** A configuration with exactly these settings. */
  public static Classifier of(TrainingSettings settings) {
    return new Classifier(Objects.requireNonNull(settings), ProgressListener.NONE);
  }

  /** The settings. */
  public TrainingSettings settings() {
    return settings;
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
    return new Classifier(settings, Objects.requireNonNull(p), balance, progress);
  }

  /** Class weights and resampling (default: {@link BalanceSettings#none()}). */
  public Classifier balance(BalanceSettings b) {
    return new Classifier(settings, preprocess, Objects.requireNonNull(b), progress);
  }

  /** Where progress and warnings go (default: nowhere). */
  public Classifier progress(ProgressListener listener) {
    return new Classifier(settings, preprocess, balance, Objects.requireNonNull(listener));
  }

  private Classifier with(TrainingSettings s) {
    return new Classifier(s, preprocess, balance, progress);
  }

  /**
   * Trains a model on {@code train}.
   *
   * @throws dev.softclass.guard.GuardRailException if the data and head do not fit together (one
   *     class, a sigmoid on many classes, non-finite values...)
   * @throws SoftclassException if training diverges
   */
  public Model fit(Dataset train) {
    return Trainer.fit(settings, preprocess, balance, train, progress);
  }

  /**
   * Trains a model on {@code train} as {@link #fit(Dataset)} does, saving SGD checkpoints as {@code
   * checkpointing} says and resuming from one if it asks; a resumed model is bit-identical to an
   * uninterrupted run's.
   *
   * @throws dev.softclass.guard.GuardRailException if the data and head do not fit together
   * @throws SoftclassException if training diverges, the optimiser is not SGD, or the checkpoint to
   *     resume from belongs to another run (other data or settings)
   */
  public Model fit(Dataset train, Checkpointing checkpointing) {
    return Trainer.fit(
        settings, preprocess, balance, train, progress, Objects.requireNonNull(checkpointing));
  }
}
