package dev.softclass.eval;

/** How a reliability diagram cuts confidences into bins. */
public enum BinStrategy {
  /** Bins of equal width on [0, 1]. */
  EQUAL_WIDTH("equal_width"),
  /**
   * Bins holding about equally many rows: edges at the quantiles of the confidences (linear
   * interpolation, as numpy's {@code percentile}); tied confidences may leave a bin empty.
   */
  EQUAL_MASS("equal_mass");

  private final String id;

  BinStrategy(String id) {
    this.id = id;
  }

  /** The name used in JSON output. */
  public String id() {
    return id;
  }
}
