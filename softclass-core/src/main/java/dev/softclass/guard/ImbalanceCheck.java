package dev.softclass.guard;

import dev.softclass.data.LabelEncoder;
import java.util.Locale;

/** Warns when a class is rare and nothing in the training run handles it. */
public final class ImbalanceCheck {
  /** A class under this share of the training rows is rare. */
  public static final double RARE_SHARE = 0.05;

  private ImbalanceCheck() {}

  /**
   * A warning naming the rarest class when it holds less than {@value #RARE_SHARE} of the rows
   * (classes with no rows aside), with what to do; empty when the classes are not that skewed.
   */
  public static String warning(int[] counts, LabelEncoder classes) {
    long n = 0;
    int rarest = -1;
    for (int c = 0; c < counts.length; c++) {
      n += counts[c];
      if (counts[c] > 0 && (rarest < 0 || counts[c] < counts[rarest])) {
        rarest = c;
      }
    }
    if (rarest < 0 || counts[rarest] >= RARE_SHARE * n) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "class '%s' has only %d of the %d training rows (%.1f %%) and nothing handles the"
            + " imbalance: the model may rarely predict it. Consider --class-weight balanced or"
            + " --resample over|smote, and judge the model by balanced accuracy or macro-F1 rather"
            + " than accuracy.",
        classes.name(rarest),
        counts[rarest],
        n,
        100.0 * counts[rarest] / n);
  }
}
