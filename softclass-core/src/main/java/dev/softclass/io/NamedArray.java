package dev.softclass.io;

import java.util.Arrays;
import java.util.Map;

/**
 * One float32 array of a weights file, with its name and shape.
 *
 * @param name for example {@code head.weights}
 * @param shape dimensions, row-major; their product is {@code values.length}
 * @param values the data
 */
public record NamedArray(String name, int[] shape, float[] values) {
  /** Checks that the shape matches the value count. */
  public NamedArray {
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException(name + ": negative dimension");
      }
      n *= s;
    }
    if (n != values.length) {
      throw new IllegalArgumentException(
          name
              + ": shape "
              + Arrays.toString(shape)
              + " holds "
              + n
              + " values, got "
              + values.length);
    }
  }

  /**
   * The array {@code name} of a weights file, which model.json says has {@code shape}.
   *
   * @param file the model file, for messages
   * @param arrays the weights file's arrays by name
   * @throws ModelFileException if the array is missing or has another shape
   */
  static NamedArray require(
      String file, Map<String, NamedArray> arrays, String name, int... shape) {
    NamedArray a = arrays.get(name);
    if (a == null) {
      throw new ModelFileException(file, "weights.bin has no array '" + name + "'");
    }
    if (!Arrays.equals(a.shape(), shape)) {
      throw new ModelFileException(
          file,
          "array '"
              + name
              + "' has shape "
              + Arrays.toString(a.shape())
              + " but model.json implies "
              + Arrays.toString(shape));
    }
    return a;
  }
}
