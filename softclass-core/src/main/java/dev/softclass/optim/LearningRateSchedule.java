package dev.softclass.optim;

import dev.softclass.SoftclassException;
import java.util.Locale;

/**
 * The learning rate of each step of a run: a linear warm-up from near zero over the first {@code
 * warmupSteps}, then {@code constant}, {@code step} (multiplied by {@code gamma} every {@code
 * stepSteps}) or {@code cosine} (half a cosine from the base rate down to zero at the last step).
 *
 * @param kind the shape after the warm-up
 * @param base the peak learning rate
 * @param warmupSteps steps of linear warm-up (0 for none)
 * @param stepSteps steps between decays of the {@code step} schedule
 * @param gamma the {@code step} schedule's factor
 * @param totalSteps the run's length in steps
 */
public record LearningRateSchedule(
    Kind kind, double base, long warmupSteps, long stepSteps, double gamma, long totalSteps) {

  /** Shapes of the schedule. */
  public enum Kind {
    /** The base rate throughout. */
    CONSTANT,
    /** The base rate times {@code gamma} to the number of completed {@code stepSteps}. */
    STEP,
    /** Cosine annealing from the base rate to zero. */
    COSINE;

    /** Parses {@code constant|step|cosine}. */
    public static Kind parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new SoftclassException(
            "unknown learning-rate schedule '" + name + "': expected constant, step or cosine");
      }
    }

    /** The lower-case name used on the command line and in model files. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Validates the schedule. */
  public LearningRateSchedule {
    if (!(base > 0) || !Double.isFinite(base)) {
      throw new IllegalArgumentException("the learning rate must be > 0, got " + base);
    }
    if (warmupSteps < 0 || stepSteps < 1 || !(gamma > 0) || totalSteps < 1) {
      throw new IllegalArgumentException("invalid learning-rate schedule " + this);
    }
  }

  /** The rate of step {@code step} (0-based). */
  public double rate(long step) {
    if (step < warmupSteps) {
      return base * (step + 1) / (warmupSteps + 1);
    }
    switch (kind) {
      case STEP:
        return base * Math.pow(gamma, (double) ((step - warmupSteps) / stepSteps));
      case COSINE:
        long span = Math.max(1, totalSteps - warmupSteps);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / span);
        return base * 0.5 * (1 + Math.cos(Math.PI * progress));
      default:
        return base;
    }
  }
}
