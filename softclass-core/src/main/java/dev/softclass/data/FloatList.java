package dev.softclass.data;

import java.util.Arrays;

/** A growable {@code float[]} for readers that do not know the row count in advance. */
final class FloatList {
  private float[] data = new float[1024];
  private int size;

  void add(float v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, size * 2L)));
    }
    data[size++] = v;
  }

  float get(int i) {
    return data[i];
  }

  int size() {
    return size;
  }

  float[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
