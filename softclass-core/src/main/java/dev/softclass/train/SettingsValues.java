package dev.softclass.train;

import dev.softclass.SoftclassException;
import java.util.Map;

/**
 * The checks and look-ups that {@link TrainingSettings} and {@link NetworkSettings} share: a
 * setting out of range, and a number recorded by their {@code params()}.
 */
final class SettingsValues {
  private SettingsValues() {}

  /** Throws a {@link SoftclassException} with {@code message} unless {@code ok}. */
  static void require(boolean ok, String message) {
    if (!ok) {
      throw new SoftclassException(message);
    }
  }

  /**
   * The number recorded under {@code key}, or {@code fallback} if there is none.
   *
   * @throws ClassCastException if the value is not a number
   */
  static Number number(Map<String, Object> params, String key, Number fallback) {
    Object v = params.get(key);
    return v == null ? fallback : (Number) v;
  }
}
