package dev.softclass.balance;

import dev.softclass.SoftclassException;
import java.util.Locale;

/** How the training rows are resampled to balance the classes. */
public enum ResampleMethod {
  /** No resampling. */
  NONE,
  /**
   * Random over-sampling: rows of each smaller class are repeated until it is as big as the
   * largest.
   */
  OVER,
  /** Random under-sampling: each bigger class keeps a random subset the size of the smallest. */
  UNDER,
  /**
   * SMOTE (Chawla et al., 2002): each smaller class gets synthetic rows on the segments between a
   * random row of the class and one of its k nearest same-class neighbours, until it is as big as
   * the largest. Dense data only.
   */
  SMOTE;

  /** Parses {@code none|over|under|smote}. */
  public static ResampleMethod parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException(
          "unknown resampling '" + name + "': expected over, under, smote or none");
    }
  }

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
