package dev.softclass.calibrate;

import dev.softclass.SoftclassException;
import dev.softclass.eval.BinaryCurve;
import java.util.Locale;

/**
 * How to choose a binary decision threshold on labelled data, by its command-line spelling:
 *
 * <ul>
 *   <li>{@code f1} or {@code fbeta:B}: the threshold with the largest F-beta of class 1;
 *   <li>{@code precision:X}: the lowest threshold whose precision is at least X (most recall);
 *   <li>{@code recall:X}: the highest threshold whose recall is at least X (least false alarms);
 *   <li>{@code cost:FP,FN}: the threshold with the least total cost, a false positive costing FP
 *       and a false negative FN;
 *   <li>a number in [0, 1]: that threshold.
 * </ul>
 *
 * Candidates are the distinct class-1 probabilities of the data (and, for costs, "never class 1").
 * Immutable.
 *
 * @param spec the spelling it was parsed from
 * @param kind which criterion
 * @param first beta, the target, a false positive's cost, or the fixed threshold
 * @param second a false negative's cost (costs only; else 0)
 */
public record ThresholdCriterion(String spec, Kind kind, double first, double second) {

  /** The kinds of criterion. */
  public enum Kind {
    /** Maximum F-beta; {@code first} is beta. */
    FBETA,
    /** A precision target; {@code first} is the target. */
    PRECISION,
    /** A recall target; {@code first} is the target. */
    RECALL,
    /** Least cost; {@code first} is a false positive's cost, {@code second} a false negative's. */
    COST,
    /** A given threshold, {@code first}. */
    FIXED
  }

  private static final String USAGE =
      "use f1, fbeta:BETA, precision:TARGET, recall:TARGET, cost:FP_COST,FN_COST or a number"
          + " between 0 and 1";

  /**
   * Parses a criterion.
   *
   * @throws SoftclassException saying what is wrong and what is accepted
   */
  public static ThresholdCriterion parse(String spec) {
    String s = spec.trim().toLowerCase(Locale.ROOT);
    int colon = s.indexOf(':');
    String name = colon < 0 ? s : s.substring(0, colon);
    String arg = colon < 0 ? "" : s.substring(colon + 1);
    switch (name) {
      case "f1":
        return new ThresholdCriterion(spec, Kind.FBETA, 1, 0);
      case "fbeta":
        return new ThresholdCriterion(spec, Kind.FBETA, positive(spec, arg), 0);
      case "precision":
        return new ThresholdCriterion(spec, Kind.PRECISION, fraction(spec, arg), 0);
      case "recall":
        return new ThresholdCriterion(spec, Kind.RECALL, fraction(spec, arg), 0);
      case "cost":
        String[] parts = arg.split(",", -1);
        if (parts.length != 2) {
          throw new SoftclassException(
              "threshold '" + spec + "': cost needs two costs, cost:FP_COST,FN_COST");
        }
        return new ThresholdCriterion(
            spec, Kind.COST, positive(spec, parts[0]), positive(spec, parts[1]));
      default:
        double v = number(spec, s);
        if (!(v >= 0 && v <= 1)) {
          throw new SoftclassException("threshold '" + spec + "' is not between 0 and 1");
        }
        return new ThresholdCriterion(spec, Kind.FIXED, v, 0);
    }
  }

  private static double number(String spec, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new SoftclassException("threshold '" + spec + "' is not understood: " + USAGE);
    }
  }

  private static double positive(String spec, String text) {
    double v = number(spec, text);
    if (!(v > 0 && Double.isFinite(v))) {
      throw new SoftclassException("threshold '" + spec + "': " + text + " must be > 0");
    }
    return v;
  }

  private static double fraction(String spec, String text) {
    double v = number(spec, text);
    if (!(v > 0 && v <= 1)) {
      throw new SoftclassException("threshold '" + spec + "': the target must be in (0, 1]");
    }
    return v;
  }

  /**
   * Chooses the threshold on labelled data.
   *
   * @param p1 the probability of class 1 per row
   * @param truth the true class (0 or 1) per row
   * @throws SoftclassException if the data have no positive row, or no threshold meets a target
   */
  public Threshold choose(double[] p1, int[] truth) {
    boolean[] positive = new boolean[truth.length];
    for (int i = 0; i < truth.length; i++) {
      positive[i] = truth[i] == 1;
    }
    BinaryCurve curve = BinaryCurve.of(p1, positive);
    long pos = curve.positives();
    if (pos == 0) {
      throw new SoftclassException(
          "the data have no row of class 1, so no threshold can be chosen on them");
    }
    double[] t = curve.thresholds();
    long[] tp = curve.truePositives();
    long[] fp = curve.falsePositives();
    if (kind == Kind.FIXED) {
      return atValue(first, t, tp, fp, pos);
    }
    int best = -1;
    double bestValue = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < t.length; i++) {
      double precision = (double) tp[i] / (tp[i] + fp[i]);
      double recall = (double) tp[i] / pos;
      double score =
          switch (kind) {
            case FBETA -> fBeta(precision, recall, first);
            case PRECISION -> precision >= first ? recall : Double.NEGATIVE_INFINITY;
            case RECALL -> recall >= first ? precision : Double.NEGATIVE_INFINITY;
            default -> -(first * fp[i] + second * (pos - tp[i])); // COST
          };
      if (score > bestValue) {
        bestValue = score;
        best = i;
      }
    }
    if (kind == Kind.COST && -second * pos > bestValue) {
      return atValue(Math.nextUp(t[0]), t, tp, fp, pos); // never class 1 is cheapest
    }
    if (bestValue == Double.NEGATIVE_INFINITY) {
      throw new SoftclassException(
          "no threshold reaches "
              + (kind == Kind.PRECISION ? "precision " : "recall ")
              + first
              + " on these data: ask for a lower target or use more data");
    }
    return new Threshold(
        t[best], spec, (double) tp[best] / (tp[best] + fp[best]), (double) tp[best] / pos);
  }

  /** The threshold {@code value} with its precision and recall on the data. */
  private Threshold atValue(double value, double[] t, long[] tp, long[] fp, long pos) {
    // The last candidate at or above value decides the counts; none means nothing is class 1.
    int i = -1;
    while (i + 1 < t.length && t[i + 1] >= value) {
      i++;
    }
    double precision = i < 0 ? Double.NaN : (double) tp[i] / (tp[i] + fp[i]);
    double recall = i < 0 ? 0 : (double) tp[i] / pos;
    return new Threshold(value, spec, precision, recall);
  }

  private static double fBeta(double precision, double recall, double beta) {
    double b2 = beta * beta;
    double denominator = b2 * precision + recall;
    return denominator == 0 ? 0 : (1 + b2) * precision * recall / denominator;
  }
}
