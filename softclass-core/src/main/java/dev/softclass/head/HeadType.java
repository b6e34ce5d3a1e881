package dev.softclass.head;

import dev.softclass.SoftclassException;
import java.util.Locale;

/** Which head to train. */
public enum HeadType {
  /** Sigmoid for two classes, softmax for more. */
  AUTO,
  /** One sigmoid output: binary only. */
  SIGMOID,
  /** One softmax output per class. */
  SOFTMAX,
  /** A linear SVM (one-vs-rest) with Platt-scaled probabilities. */
  HINGE;

  /** Parses {@code auto|sigmoid|softmax|hinge}. */
  public static HeadType parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException(
          "unknown head '" + name + "': expected sigmoid, softmax or hinge (or auto)");
    }
  }

  /** The lower-case name used on the command line and in model files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
