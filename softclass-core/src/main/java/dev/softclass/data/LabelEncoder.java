package dev.softclass.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Maps class names to indices {@code 0..K-1} and back. Classes are sorted as scikit-learn sorts
 * them: numerically when every name is a number ({@code 2} before {@code 10}), else by string.
 * Immutable and thread-safe; saved with every model.
 */
public final class LabelEncoder {
  private final List<String> classes;
  private final Map<String, Integer> index;

  private LabelEncoder(List<String> classes) {
    this.classes = List.copyOf(classes);
    this.index = new HashMap<>();
    for (int i = 0; i < this.classes.size(); i++) {
      if (index.put(this.classes.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate class name: " + this.classes.get(i));
      }
    }
  }

  /** An encoder for exactly these classes, in this order (as read back from a model file). */
  public static LabelEncoder ofClasses(List<String> classes) {
    return new LabelEncoder(classes);
  }

  /** An encoder for the distinct names in {@code labels}, sorted numerically or by string. */
  public static LabelEncoder fit(Collection<String> labels) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>(labels);
    boolean numeric = distinct.stream().allMatch(LabelEncoder::isNumber);
    Comparator<String> order =
        numeric
            ? Comparator.comparing((String name) -> new BigDecimal(name))
                .thenComparing(Comparator.naturalOrder())
            : Comparator.<String>naturalOrder();
    TreeSet<String> sorted = new TreeSet<>(order);
    sorted.addAll(distinct);
    return new LabelEncoder(new ArrayList<>(sorted));
  }

  private static boolean isNumber(String s) {
    try {
      new BigDecimal(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Number of classes. */
  public int size() {
    return classes.size();
  }

  /** Class names in index order (unmodifiable). */
  public List<String> classes() {
    return classes;
  }

  /** Name of class {@code i}. */
  public String name(int i) {
    return classes.get(i);
  }

  /** Index of the class named {@code name}, or -1 if it is not one of the classes. */
  public int indexOf(String name) {
    Integer i = index.get(name);
    return i == null ? -1 : i;
  }
}
