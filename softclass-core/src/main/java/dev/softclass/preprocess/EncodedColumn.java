package dev.softclass.preprocess;

import java.util.List;
import java.util.Objects;

/**
 * How one raw input column becomes model inputs, fitted on the training data.
 *
 * @param name the raw column's name
 * @param kind numeric, categorical (one-hot) or dropped
 * @param categories for a categorical column, its training categories in sorted order (one output
 *     each); empty otherwise
 * @param fillCategory for a categorical column, the category a missing cell takes; null otherwise
 * @param indicator whether a 0/1 column "was missing" follows the column's outputs
 * @param missing how many training cells were missing (for explanations)
 */
public record EncodedColumn(
    String name,
    EncodedColumn.Kind kind,
    List<String> categories,
    String fillCategory,
    boolean indicator,
    long missing) {

  /** What a raw column becomes. */
  public enum Kind {
    /** One output: the value (missing stays missing until the fill of the scaling step). */
    NUMERIC,
    /** One 0/1 output per training category; an unknown category gives all zeros. */
    CATEGORICAL,
    /** No output: constant in the training data. */
    DROPPED;

    /** The lower-case name used in model files. */
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Validates. */
  public EncodedColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    categories = List.copyOf(categories);
    if (kind == Kind.CATEGORICAL && (fillCategory == null || categories.isEmpty())) {
      throw new IllegalArgumentException(
          "categorical column '" + name + "' needs categories and a fill category");
    }
    if (kind == Kind.DROPPED && indicator) {
      throw new IllegalArgumentException("dropped column '" + name + "' cannot have an indicator");
    }
  }

  /** A plain numeric column (what every column of an old model is). */
  public static EncodedColumn numeric(String name) {
    return new EncodedColumn(name, Kind.NUMERIC, List.of(), null, false, 0);
  }

  /** Number of model inputs this column makes. */
  public int width() {
    int w =
        switch (kind) {
          case NUMERIC -> 1;
          case CATEGORICAL -> categories.size();
          case DROPPED -> 0;
        };
    return w + (indicator ? 1 : 0);
  }
}
