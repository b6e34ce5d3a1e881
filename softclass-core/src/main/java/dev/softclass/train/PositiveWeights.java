package dev.softclass.train;

import dev.softclass.SoftclassException;
import dev.softclass.data.LabelSets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The weight of each label's positive examples in a multi-label loss (PyTorch's {@code
 * pos_weight}): none (all 1), balanced ({@code negatives / positives} of each label in the training
 * data, so both sides of every label weigh the same), one number for every label, or one per label.
 * Immutable.
 *
 * @param spec the setting as written on the command line: {@code none}, {@code balanced}, {@code W}
 *     or {@code W1,W2,...}
 */
public record PositiveWeights(String spec) {
  /** No weighting. */
  public static final PositiveWeights NONE = new PositiveWeights("none");

  /**
   * @throws SoftclassException if the spec is none of the accepted forms
   */
  public PositiveWeights {
    spec = spec.strip().toLowerCase(Locale.ROOT);
    if (!spec.equals("none") && !spec.equals("balanced")) {
      explicit(spec);
    }
  }

  /** Parses {@code none}, {@code balanced}, {@code W} or {@code W1,W2,...}. */
  public static PositiveWeights parse(String spec) {
    return new PositiveWeights(spec);
  }

  /**
   * The weight per label for these training labels, or {@code null} when there is no weighting.
   *
   * @throws SoftclassException if a list has the wrong length, or balanced weighting meets a label
   *     that no row has
   */
  public double[] resolve(LabelSets sets, java.util.List<String> labelNames) {
    int labels = sets.numLabels();
    if (spec.equals("none")) {
      return null;
    }
    double[] w = new double[labels];
    if (spec.equals("balanced")) {
      int[] positives = sets.labelCounts();
      for (int k = 0; k < labels; k++) {
        if (positives[k] == 0) {
          throw new SoftclassException(
              "--positive-weight balanced: label '"
                  + labelNames.get(k)
                  + "' has no positive row, so it has no balancing weight");
        }
        w[k] = (double) (sets.rows() - positives[k]) / positives[k];
      }
      return w;
    }
    double[] given = explicit(spec);
    if (given.length == 1) {
      Arrays.fill(w, given[0]);
      return w;
    }
    if (given.length != labels) {
      throw new SoftclassException(
          "--positive-weight lists "
              + given.length
              + " weights but the data have "
              + labels
              + " labels "
              + labelNames
              + ": give one weight per label, in that order, or a single weight");
    }
    return given;
  }

  private static double[] explicit(String spec) {
    String[] parts = spec.split(",", -1);
    double[] w = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        w[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        w[i] = Double.NaN;
      }
      if (!(w[i] > 0) || Double.isInfinite(w[i])) {
        throw new SoftclassException(
            "--positive-weight must be none, balanced, or positive numbers joined by commas (one"
                + " per label); got '"
                + spec
                + "'");
      }
    }
    return w;
  }

  @Override
  public String toString() {
    return spec;
  }
}
