package dev.softclass.select;

import dev.softclass.SoftclassException;
import dev.softclass.eval.Evaluation;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A score that model selection ranks candidates by, with its direction. */
public enum Metric {
  /** Mean negative log-likelihood (lower is better). */
  LOG_LOSS(false, Evaluation::logLoss),
  /** Brier score (lower is better). */
  BRIER(false, Evaluation::brier),
  /** Share of correct decisions. */
  ACCURACY(true, Evaluation::accuracy),
  /** Mean recall over classes. */
  BALANCED_ACCURACY(true, Evaluation::balancedAccuracy),
  /** Unweighted mean of the per-class F1 scores. */
  MACRO_F1(true, Evaluation::macroF1),
  /** ROC AUC (one-vs-rest macro mean for more than two classes). */
  ROC_AUC(true, Evaluation::rocAuc);

  private final boolean higherIsBetter;
  private final ToDoubleFunction<Evaluation> score;

  Metric(boolean higherIsBetter, ToDoubleFunction<Evaluation> score) {
    this.higherIsBetter = higherIsBetter;
    this.score = score;
  }

  /** Whether a larger value is better. */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  /** The metric's value in an evaluation. */
  public double of(Evaluation e) {
    return score.applyAsDouble(e);
  }

  /** Whether score {@code a} is strictly better than {@code b} (NaN is worse than anything). */
  public boolean better(double a, double b) {
    if (Double.isNaN(a)) {
      return false;
    }
    if (Double.isNaN(b)) {
      return true;
    }
    return higherIsBetter ? a > b : a < b;
  }

  /** The name used on the command line and in JSON ({@code log_loss}...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a metric name.
   *
   * @throws SoftclassException listing the known names
   */
  public static Metric parse(String name) {
    for (Metric m : values()) {
      if (m.id().equals(name.toLowerCase(Locale.ROOT).replace('-', '_'))) {
        return m;
      }
    }
    throw new SoftclassException(
        "unknown metric '"
            + name
            + "': expected one of "
            + Arrays.stream(values()).map(Metric::id).toList());
  }
}
