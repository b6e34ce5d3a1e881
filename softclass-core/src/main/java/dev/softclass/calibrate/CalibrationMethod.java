package dev.softclass.calibrate;

import dev.softclass.SoftclassException;
import java.util.Locale;

/** The calibration methods, by their command-line names. */
public enum CalibrationMethod {
  /** One temperature dividing every logit, fitted by minimising log loss (any head). */
  TEMPERATURE("temperature"),
  /** Platt scaling: a logistic regression on the log-odds of class 1 (binary models). */
  PLATT("platt"),
  /** Isotonic regression of each class's log-odds, one-vs-rest and renormalised. */
  ISOTONIC("isotonic");

  private final String id;

  CalibrationMethod(String id) {
    this.id = id;
  }

  /** The command-line and model-file name. */
  public String id() {
    return id;
  }

  /**
   * The method called {@code name}.
   *
   * @throws SoftclassException naming the methods there are
   */
  public static CalibrationMethod parse(String name) {
    for (CalibrationMethod m : values()) {
      if (m.id.equals(name.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new SoftclassException(
        "unknown calibration method '" + name + "': use temperature, platt or isotonic");
  }
}
