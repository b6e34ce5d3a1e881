package dev.softclass.guard;

import dev.softclass.SoftclassException;

/**
 * A classic modelling mistake caught before it costs a training run: the message says what would go
 * wrong and what to do instead.
 */
public final class GuardRailException extends SoftclassException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong, why it matters, and what to do instead
   */
  public GuardRailException(String message) {
    super(message);
  }
}
