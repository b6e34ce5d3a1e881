package dev.softclass.io;

import dev.softclass.SoftclassException;

/** A model file that cannot be read: not a model, truncated, corrupt, or from a newer version. */
public final class ModelFileException extends SoftclassException {
  private static final long serialVersionUID = 1L;

  /**
   * @param file the model file
   * @param problem what is wrong and, where it helps, what to do
   */
  public ModelFileException(String file, String problem) {
    super(file + ": " + problem);
  }

  /**
   * @param file the model file
   * @param problem what is wrong
   * @param cause the underlying error
   */
  public ModelFileException(String file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
