package dev.softclass.data;

import java.util.AbstractList;
import java.util.Objects;

/**
 * The column names "1" to "{@code n}" of a LIBSVM file, made when asked for: a file with one large
 * index (billions) must not cost a string per column. Immutable, so {@link Dataset} keeps it
 * instead of copying it.
 */
final class ColumnNumbers extends AbstractList<String> {
  private final int n;

  ColumnNumbers(int n) {
    this.n = n;
  }

  @Override
  public String get(int i) {
    Objects.checkIndex(i, n);
    return Integer.toString(i + 1);
  }

  @Override
  public int size() {
    return n;
  }
}
