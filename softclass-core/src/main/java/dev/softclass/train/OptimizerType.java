package dev.softclass.train;

import dev.softclass.SoftclassException;
import java.util.Locale;

/** How weights are fitted. */
public enum OptimizerType {
  /** Full-batch L-BFGS, run to convergence: the accurate default for data that fit in memory. */
  LBFGS,
  /** Mini-batch stochastic gradient descent for a fixed number of epochs. */
  SGD;

  /** Parses {@code lbfgs|sgd}. */
  public static OptimizerType parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException("unknown optimizer '" + name + "': expected lbfgs or sgd");
    }
  }

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
