package dev.softclass.io;

import java.util.Arrays;

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
}
