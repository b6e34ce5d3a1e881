package dev.softclass;

/**
 * A mistake in what the user gave Softclass: a bad data file, a corrupt model file, an impossible
 * configuration. The message says what is wrong and what to do instead; the command line prints it
 * without a stack trace and exits with code 1.
 *
 * <p>Anything else thrown by Softclass is a bug.
 */
public class SoftclassException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message one paragraph: what is wrong, where, and what was expected
   */
  public SoftclassException(String message) {
    super(message);
  }

  /**
   * @param message one paragraph: what is wrong, where, and what was expected
   * @param cause the underlying error, kept for debugging
   */
  public SoftclassException(String message, Throwable cause) {
    super(message, cause);
  }
}
