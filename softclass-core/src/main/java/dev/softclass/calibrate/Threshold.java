package dev.softclass.calibrate;

/**
 * A binary model's decision rule: predict class 1 when its probability is at least {@code value}.
 * Stored in the model file; {@code Model.predict}, {@code softclass predict} and {@code softclass
 * eval} use it. Immutable.
 *
 * @param value the threshold on the probability of class 1 (finite)
 * @param criterion how it was chosen, as given on the command line (for example {@code f1}, {@code
 *     precision:0.95}, {@code cost:1,5} or {@code 0.3})
 * @param precision precision of class 1 at this threshold on the data it was chosen on (NaN if
 *     unknown)
 * @param recall recall of class 1 at this threshold on that data (NaN if unknown)
 */
public record Threshold(double value, String criterion, double precision, double recall) {
  /**
   * @throws IllegalArgumentException if the value is not finite
   */
  public Threshold {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("the threshold must be finite, got " + value);
    }
  }

  /** The decision for class-1 probability {@code p1}: 1 when {@code p1 >= value}, else 0. */
  public int decide(double p1) {
    return p1 >= value ? 1 : 0;
  }
}
