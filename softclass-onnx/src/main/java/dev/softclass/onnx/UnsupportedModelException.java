package dev.softclass.onnx;

import dev.softclass.SoftclassException;

/** A model with a part (body, head, preprocessing, calibration) that cannot be exported. */
public final class UnsupportedModelException extends SoftclassException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the part that cannot be exported and what can be
   */
  public UnsupportedModelException(String message) {
    super(message);
  }
}
