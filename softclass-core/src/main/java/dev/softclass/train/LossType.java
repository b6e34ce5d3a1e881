package dev.softclass.train;

import dev.softclass.SoftclassException;
import java.util.Locale;

/** The training loss: of a softmax head (log, focal), or of a hinge head (hinge, squared hinge). */
public enum LossType {
  /** Cross-entropy (negative log-likelihood). */
  LOG,
  /** The focal loss {@code -(1 - p_t)^gamma log p_t}. */
  FOCAL,
  /** The hinge loss {@code max(0, 1 - y f)} of a linear SVM (trained by SGD subgradients). */
  HINGE,
  /** The squared hinge loss {@code max(0, 1 - y f)^2} of a linear SVM (smooth: L-BFGS). */
  SQUARED_HINGE;

  /** Parses {@code log|focal|hinge|squared_hinge}. */
  public static LossType parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException(
          "unknown loss '" + name + "': expected log, focal, hinge or squared_hinge");
    }
  }

  /** Whether this is a loss of a hinge head (an SVM). */
  public boolean isHinge() {
    return this == HINGE || this == SQUARED_HINGE;
  }

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
