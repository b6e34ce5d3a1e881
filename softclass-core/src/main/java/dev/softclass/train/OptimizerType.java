package dev.softclass.train;

import dev.softclass.SoftclassException;
import java.util.Locale;

/** How weights are fitted. */
public enum OptimizerType {
  /** Full-batch L-BFGS, run to convergence: the accurate default for data that fit in memory. */
  LBFGS,
  /**
   * Mini-batch stochastic gradient descent for a fixed number of epochs (with momentum for
   * networks).
   */
  SGD,
  /** Adam on mini-batches (networks, and linear models trained like one-layer networks). */
  ADAM,
  /** Adam with decoupled weight decay (the L2 setting becomes the decay). */
  ADAMW;

  /** Parses {@code lbfgs|sgd|adam|adamw}. */
  public static OptimizerType parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException(
          "unknown optimizer '" + name + "': expected lbfgs, sgd, adam or adamw");
    }
  }

  /** Whether this optimiser runs on the network trainer ({@link NetworkTrainer}). */
  public boolean needsNetworkTrainer() {
    return this == ADAM || this == ADAMW;
  }

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
