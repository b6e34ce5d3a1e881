package dev.softclass.data;

import java.util.Arrays;

/** A growable {@code int[]} for readers that do not know the row count in advance. */
final class IntList {
  private int[] data = new int[1024];
  private int size;

  void add(int v) {
    if (size == data.length) {
      data = Arrays.copyOf(data, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, size * 2L)));
    }
    data[size++] = v;
  }

  int size() {
    return size;
  }

  int[] toArray() {
    return Arrays.copyOf(data, size);
  }
}
