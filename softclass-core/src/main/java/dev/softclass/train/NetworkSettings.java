package dev.softclass.train;

import static dev.softclass.train.SettingsValues.number;
import static dev.softclass.train.SettingsValues.require;

import dev.softclass.SoftclassException;
import dev.softclass.body.Activation;
import dev.softclass.optim.LearningRateSchedule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of network training that {@link TrainingSettings} lacks: the architecture and the
 * mini-batch optimiser's details. Epochs, batch size, learning rate, L2 (weight decay), seed,
 * threads, head and scaling stay in {@link TrainingSettings}. Validated on construction.
 *
 * @param hidden units of each hidden layer, first to last; empty for a linear model trained by
 *     mini-batches
 * @param activation the hidden layers' activation
 * @param dropout the share of hidden units dropped in training, in {@code [0, 1)}
 * @param init the weight initialisation
 * @param momentum SGD momentum, in {@code [0, 1)}
 * @param nesterov Nesterov momentum for SGD
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param epsilon Adam's epsilon
 * @param schedule the learning-rate schedule after the warm-up
 * @param warmupEpochs epochs of linear learning-rate warm-up
 * @param stepEpochs epochs between decays of the {@code step} schedule
 * @param gamma the {@code step} schedule's factor
 * @param clipNorm the largest global gradient norm (0: no clipping)
 * @param earlyStopping patience: stop after this many epochs without a better validation loss and
 *     keep the best epoch's weights (0: off)
 * @param validationFraction the share of training rows held out for early stopping
 */
public record NetworkSettings(
    List<Integer> hidden,
    Activation activation,
    double dropout,
    WeightInit init,
    double momentum,
    boolean nesterov,
    double beta1,
    double beta2,
    double epsilon,
    LearningRateSchedule.Kind schedule,
    int warmupEpochs,
    int stepEpochs,
    double gamma,
    double clipNorm,
    int earlyStopping,
    double validationFraction) {

  /**
   * @throws SoftclassException naming the first setting out of range
   */
  public NetworkSettings {
    hidden = List.copyOf(hidden);
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(init, "init");
    Objects.requireNonNull(schedule, "schedule");
    for (int h : hidden) {
      require(h >= 1, "--hidden widths must be at least 1, got " + hidden);
    }
    require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got " + dropout);
    require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got " + momentum);
    require(beta1 >= 0 && beta1 < 1, "--beta1 must be in [0, 1), got " + beta1);
    require(beta2 >= 0 && beta2 < 1, "--beta2 must be in [0, 1), got " + beta2);
    require(epsilon > 0 && Double.isFinite(epsilon), "--adam-epsilon must be > 0, got " + epsilon);
    require(warmupEpochs >= 0, "--warmup must be >= 0 epochs, got " + warmupEpochs);
    require(stepEpochs >= 1, "--step-epochs must be at least 1, got " + stepEpochs);
    require(gamma > 0 && gamma <= 1, "--step-gamma must be in (0, 1], got " + gamma);
    require(
        clipNorm >= 0 && Double.isFinite(clipNorm), "--clip-norm must be >= 0, got " + clipNorm);
    require(earlyStopping >= 0, "--early-stopping must be >= 0 epochs, got " + earlyStopping);
    require(
        validationFraction > 0 && validationFraction < 1,
        "--validation-fraction must be in (0, 1), got " + validationFraction);
  }

  /**
   * One hidden layer of 100 ReLU units (scikit-learn's {@code MLPClassifier} default), no dropout,
   * automatic initialisation, SGD momentum 0.9, Adam's (0.9, 0.999, 1e-8), a constant learning
   * rate, no clipping, no early stopping (10 % validation when it is switched on).
   */
  public static NetworkSettings defaults() {
    return new NetworkSettings(
        List.of(100),
        Activation.RELU,
        0,
        WeightInit.AUTO,
        0.9,
        false,
        0.9,
        0.999,
        1e-8,
        LearningRateSchedule.Kind.CONSTANT,
        0,
        10,
        0.1,
        0,
        0,
        0.1);
  }

  /** The defaults with no hidden layer: a linear model trained on mini-batches. */
  public static NetworkSettings linear() {
    return defaults().withHidden(List.of());
  }

  /** These settings with other hidden layers. */
  public NetworkSettings withHidden(List<Integer> widths) {
    return toBuilder().hidden(widths).build();
  }

  /** The settings as an ordered map of names to values (written to model files). */
  public Map<String, Object> params() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("hidden", hidden);
    p.put("activation", activation.id());
    p.put("dropout", dropout);
    p.put("init", init.id());
    p.put("momentum", momentum);
    p.put("nesterov", nesterov);
    p.put("beta1", beta1);
    p.put("beta2", beta2);
    p.put("adam_epsilon", epsilon);
    p.put("schedule", schedule.id());
    p.put("warmup_epochs", warmupEpochs);
    p.put("step_epochs", stepEpochs);
    p.put("gamma", gamma);
    p.put("clip_norm", clipNorm);
    p.put("early_stopping", earlyStopping);
    p.put("validation_fraction", validationFraction);
    return p;
  }

  /**
   * The settings recorded by {@link #params()}; missing ones keep their defaults.
   *
   * @throws SoftclassException if a value has the wrong type or is out of range
   */
  public static NetworkSettings fromParams(Map<String, Object> params) {
    NetworkSettings d = defaults();
    try {
      List<Integer> hidden = d.hidden;
      if (params.get("hidden") instanceof List<?> list) {
        hidden = new ArrayList<>();
        for (Object o : list) {
          hidden.add(((Number) o).intValue());
        }
      }
      return new NetworkSettings(
          hidden,
          Activation.parse(String.valueOf(params.getOrDefault("activation", d.activation.id()))),
          number(params, "dropout", d.dropout).doubleValue(),
          WeightInit.parse(String.valueOf(params.getOrDefault("init", d.init.id()))),
          number(params, "momentum", d.momentum).doubleValue(),
          Boolean.TRUE.equals(params.getOrDefault("nesterov", d.nesterov)),
          number(params, "beta1", d.beta1).doubleValue(),
          number(params, "beta2", d.beta2).doubleValue(),
          number(params, "adam_epsilon", d.epsilon).doubleValue(),
          LearningRateSchedule.Kind.parse(
              String.valueOf(params.getOrDefault("schedule", d.schedule.id()))),
          number(params, "warmup_epochs", d.warmupEpochs).intValue(),
          number(params, "step_epochs", d.stepEpochs).intValue(),
          number(params, "gamma", d.gamma).doubleValue(),
          number(params, "clip_norm", d.clipNorm).doubleValue(),
          number(params, "early_stopping", d.earlyStopping).intValue(),
          number(params, "validation_fraction", d.validationFraction).doubleValue());
    } catch (ClassCastException e) {
      throw new SoftclassException("the recorded network settings are malformed: " + params);
    }
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable builder for {@link NetworkSettings}; {@link #build()} validates. */
  public static final class Builder {
    private List<Integer> hidden;
    private Activation activation;
    private double dropout;
    private WeightInit init;
    private double momentum;
    private boolean nesterov;
    private double beta1;
    private double beta2;
    private double epsilon;
    private LearningRateSchedule.Kind schedule;
    private int warmupEpochs;
    private int stepEpochs;
    private double gamma;
    private double clipNorm;
    private int earlyStopping;
    private double validationFraction;

    private Builder(NetworkSettings s) {
      hidden = s.hidden;
      activation = s.activation;
      dropout = s.dropout;
      init = s.init;
      momentum = s.momentum;
      nesterov = s.nesterov;
      beta1 = s.beta1;
      beta2 = s.beta2;
      epsilon = s.epsilon;
      schedule = s.schedule;
      warmupEpochs = s.warmupEpochs;
      stepEpochs = s.stepEpochs;
      gamma = s.gamma;
      clipNorm = s.clipNorm;
      earlyStopping = s.earlyStopping;
      validationFraction = s.validationFraction;
    }

    /** See {@link NetworkSettings#hidden()}. */
    public Builder hidden(List<Integer> v) {
      hidden = v;
      return this;
    }

    /** See {@link NetworkSettings#activation()}. */
    public Builder activation(Activation v) {
      activation = v;
      return this;
    }

    /** See {@link NetworkSettings#dropout()}. */
    public Builder dropout(double v) {
      dropout = v;
      return this;
    }

    /** See {@link NetworkSettings#init()}. */
    public Builder init(WeightInit v) {
      init = v;
      return this;
    }

    /** See {@link NetworkSettings#momentum()}. */
    public Builder momentum(double v) {
      momentum = v;
      return this;
    }

    /** See {@link NetworkSettings#nesterov()}. */
    public Builder nesterov(boolean v) {
      nesterov = v;
      return this;
    }

    /** See {@link NetworkSettings#beta1()}. */
    public Builder beta1(double v) {
      beta1 = v;
      return this;
    }

    /** See {@link NetworkSettings#beta2()}. */
    public Builder beta2(double v) {
      beta2 = v;
      return this;
    }

    /** See {@link NetworkSettings#epsilon()}. */
    public Builder epsilon(double v) {
      epsilon = v;
      return this;
    }

    /** See {@link NetworkSettings#schedule()}. */
    public Builder schedule(LearningRateSchedule.Kind v) {
      schedule = v;
      return this;
    }

    /** See {@link NetworkSettings#warmupEpochs()}. */
    public Builder warmupEpochs(int v) {
      warmupEpochs = v;
      return this;
    }

    /** See {@link NetworkSettings#stepEpochs()}. */
    public Builder stepEpochs(int v) {
      stepEpochs = v;
      return this;
    }

    /** See {@link NetworkSettings#gamma()}. */
    public Builder gamma(double v) {
      gamma = v;
      return this;
    }

    /** See {@link NetworkSettings#clipNorm()}. */
    public Builder clipNorm(double v) {
      clipNorm = v;
      return this;
    }

    /** See {@link NetworkSettings#earlyStopping()}. */
    public Builder earlyStopping(int v) {
      earlyStopping = v;
      return this;
    }

    /** See {@link NetworkSettings#validationFraction()}. */
    public Builder validationFraction(double v) {
      validationFraction = v;
      return this;
    }

    /**
     * The settings.
     *
     * @throws SoftclassException naming the first setting out of range
     */
    public NetworkSettings build() {
      return new NetworkSettings(
          hidden,
          activation,
          dropout,
          init,
          momentum,
          nesterov,
          beta1,
          beta2,
          epsilon,
          schedule,
          warmupEpochs,
          stepEpochs,
          gamma,
          clipNorm,
          earlyStopping,
          validationFraction);
    }
  }
}
