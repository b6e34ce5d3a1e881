package dev.softclass.balance;

import dev.softclass.SoftclassException;
import dev.softclass.data.LabelEncoder;
import java.util.Arrays;

/**
 * Per-class weights of the training loss: each row's loss counts {@code weight[class]} times.
 * {@code balanced} gives {@code n / (k * count[c])} (scikit-learn's {@code
 * class_weight='balanced'}: every class then carries the same total weight, and the weights average
 * 1 over the rows).
 */
public final class ClassWeights {
  /** The spelling of "no class weights". */
  public static final String NONE = "none";

  /** The spelling of balanced weights. */
  public static final String BALANCED = "balanced";

  private ClassWeights() {}

  /**
   * {@code n / (k * count[c])} for each class: {@code n} rows, {@code k} classes with rows (as
   * scikit-learn counts the classes present). A class with no rows gets weight 1 (it has no loss to
   * weigh).
   */
  public static double[] balanced(int[] counts) {
    long n = 0;
    int k = 0;
    for (int c : counts) {
      n += c;
      k += c > 0 ? 1 : 0;
    }
    double[] w = new double[counts.length];
    for (int c = 0; c < counts.length; c++) {
      w[c] = counts[c] == 0 ? 1.0 : (double) n / ((double) k * counts[c]);
    }
    return w;
  }

  /**
   * The weight of each class for {@code spec}: {@code none} (null result), {@code balanced}, or
   * {@code name=weight} pairs separated by commas (classes not named weigh 1, as with a dict in
   * scikit-learn).
   *
   * @param counts training rows per class (for {@code balanced})
   * @return one weight per class, or null for none
   * @throws SoftclassException for an unknown class, a repeated one, or a weight that is not a
   *     finite number {@code >= 0}
   */
  public static double[] parse(String spec, LabelEncoder classes, int[] counts) {
    String s = spec.strip();
    if (s.isEmpty() || s.equalsIgnoreCase(NONE)) {
      return null;
    }
    if (s.equalsIgnoreCase(BALANCED)) {
      return balanced(counts);
    }
    double[] w = new double[classes.size()];
    Arrays.fill(w, 1.0);
    boolean[] seen = new boolean[w.length];
    for (String part : s.split(",")) {
      int eq = part.lastIndexOf('=');
      if (eq <= 0) {
        throw new SoftclassException(
            "--class-weight: '"
                + part.strip()
                + "' is not class=weight; give balanced, or pairs like \"spam=3,ham=1\"");
      }
      String name = part.substring(0, eq).strip();
      int c = classes.indexOf(name);
      if (c < 0) {
        throw new SoftclassException(
            "--class-weight names class '" + name + "', which is not one of " + classes.classes());
      }
      if (seen[c]) {
        throw new SoftclassException("--class-weight gives class '" + name + "' twice");
      }
      seen[c] = true;
      String value = part.substring(eq + 1).strip();
      try {
        w[c] = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        w[c] = Double.NaN;
      }
      if (!(w[c] >= 0) || !Double.isFinite(w[c])) {
        throw new SoftclassException(
            "--class-weight: the weight of '"
                + name
                + "' must be a number >= 0, got '"
                + value
                + "'");
      }
    }
    return w;
  }

  /** The weight of each row: {@code classWeights[labels[r]]}. */
  public static double[] perRow(double[] classWeights, int[] labels) {
    double[] w = new double[labels.length];
    for (int r = 0; r < labels.length; r++) {
      w[r] = classWeights[labels[r]];
    }
    return w;
  }
}
