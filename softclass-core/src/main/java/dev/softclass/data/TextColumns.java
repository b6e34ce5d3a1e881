package dev.softclass.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text of the columns of a raw table that hold strings (categorical columns of a CSV file): for
 * each such column, the category key of every row, or {@code null} for an empty cell. The feature
 * matrix of the same table holds no meaningful value in these columns. Immutable.
 *
 * <p>A cell's key is its text, stripped, unless the text is a number: then the key is {@link
 * #key(float)} of the number, so that {@code 1}, {@code 1.0} and {@code 01} are one category
 * whether or not the column held other strings in the file it came from.
 */
public final class TextColumns {
  /** No text columns. */
  public static final TextColumns NONE = new TextColumns(Map.of(), Map.of());

  private final Map<Integer, String[]> columns;
  private final Map<Integer, Long> firstTextLine;

  /**
   * @param columns column index to one key (or null) per row
   * @param firstTextLine for each column, the file line of its first cell that is not a number (for
   *     messages), when known
   */
  public TextColumns(Map<Integer, String[]> columns, Map<Integer, Long> firstTextLine) {
    this.columns = Collections.unmodifiableMap(new TreeMap<>(columns));
    this.firstTextLine = Map.copyOf(firstTextLine);
  }

  /** The key of a numeric cell: the integer without a decimal point when whole, else as a float. */
  public static String key(float v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15f) {
      return Long.toString((long) v);
    }
    return Float.toString(v);
  }

  /** Whether no column holds text. */
  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /** Whether column {@code c} holds text. */
  public boolean has(int c) {
    return columns.containsKey(c);
  }

  /** The keys of column {@code c} (not a copy; do not modify), or null if it holds no text. */
  public String[] column(int c) {
    return columns.get(c);
  }

  /** The indices of the text columns, increasing. */
  public int[] indices() {
    return columns.keySet().stream().mapToInt(Integer::intValue).toArray();
  }

  /** The file line of the first non-number cell of column {@code c}, or 0 when unknown. */
  public long firstTextLine(int c) {
    return firstTextLine.getOrDefault(c, 0L);
  }

  /** The rows at {@code rows}, in that order. */
  public TextColumns select(int[] rows) {
    if (isEmpty()) {
      return this;
    }
    Map<Integer, String[]> out = new TreeMap<>();
    columns.forEach(
        (c, keys) -> {
          String[] s = new String[rows.length];
          for (int i = 0; i < rows.length; i++) {
            s[i] = keys[rows[i]];
          }
          out.put(c, s);
        });
    return new TextColumns(out, firstTextLine);
  }

  /** Column {@code positions[j]} of this table becomes column {@code j}. */
  public TextColumns reorder(int[] positions) {
    if (isEmpty()) {
      return this;
    }
    Map<Integer, String[]> out = new TreeMap<>();
    Map<Integer, Long> lines = new TreeMap<>();
    for (int j = 0; j < positions.length; j++) {
      if (columns.containsKey(positions[j])) {
        out.put(j, columns.get(positions[j]));
        lines.put(j, firstTextLine(positions[j]));
      }
    }
    return new TextColumns(out, lines);
  }

  @Override
  public String toString() {
    return "TextColumns" + Arrays.toString(indices());
  }
}
