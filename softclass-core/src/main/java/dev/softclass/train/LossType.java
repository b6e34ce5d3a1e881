package dev.softclass.train;

import dev.softclass.SoftclassException;
import java.util.Locale;

/** The training loss of a softmax head. */
public enum LossType {
  /** Cross-entropy (negative log-likelihood). */
  LOG,
  /** The focal loss {@code -(1 - p_t)^gamma log p_t}. */
  FOCAL;

  /** Parses {@code log|focal}. */
  public static LossType parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException("unknown loss '" + name + "': expected log or focal");
    }
  }

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
