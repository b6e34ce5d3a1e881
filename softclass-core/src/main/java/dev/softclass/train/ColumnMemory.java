package dev.softclass.train;

import dev.softclass.SoftclassException;
import dev.softclass.data.CsrMatrix;
import dev.softclass.data.Dataset;
import java.util.Arrays;
import java.util.Locale;

/**
 * Refuses sparse training data whose columns cannot fit in the Java heap, before any array with an
 * entry per column is made. A LIBSVM file has as many columns as its largest feature index, so one
 * line with the index 2,033,333,337 makes two billion columns, and training keeps several arrays of
 * that length (the weights, the scaling, the column list): without this check such a file ran for
 * minutes and then ran out of memory. The estimate is a lower bound, so data that could fit are
 * never refused.
 */
final class ColumnMemory {
  /**
   * Bytes that training keeps per column besides the weights, at least: the identity column
   * encoder's entry (a name string, a column record and an empty category index), the scaling's
   * arrays (max-abs statistics, centre, scale and fill) and the model's feature name. Measured on
   * JDK 17: a binary model trained by SGD on LIBSVM files of 3 and 6 million columns needed a heap
   * of 0.65 to 0.8 GB and of 1.5 to 2 GB, that is 180 to 260 bytes per column besides its 68 bytes
   * of weights.
   */
  static final long BOOKKEEPING_BYTES = 160;

  /** The longest Java array: a weight matrix is one. */
  static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

  private ColumnMemory() {}

  /**
   * Refuses sparse data whose columns need more than the Java heap holds.
   *
   * @param weightsPerColumn the weights of one column (one per output, or per first-layer unit)
   * @param weightBytes what the weights of one column cost in training with one copy of them (SGD,
   *     or a network's weights, gradients and optimiser state); L-BFGS's further copies are checked
   *     by the trainer
   * @throws SoftclassException if the columns need more than the heap, or their weights more than
   *     one Java array, naming the line and the feature index that make the columns, the memory
   *     they need, and what to do
   */
  static void require(Dataset train, int weightsPerColumn, long weightBytes) {
    require(train, weightsPerColumn, weightBytes, Runtime.getRuntime().maxMemory());
  }

  /** As {@link #require(Dataset, int, long)}, against a heap of {@code heapBytes}. */
  static void require(Dataset train, int weightsPerColumn, long weightBytes, long heapBytes) {
    if (!(train.features() instanceof CsrMatrix x)) {
      return; // dense rows already hold a value per column
    }
    long columns = x.cols();
    double needed = (double) columns * (BOOKKEEPING_BYTES + weightBytes);
    boolean oneArray = columns * weightsPerColumn <= MAX_ARRAY;
    if (needed <= heapBytes && oneArray) {
      return;
    }
    String limit =
        needed > heapBytes
            ? String.format(
                Locale.ROOT,
                "need at least %.1f GB, more than the %.1f GB Java heap holds",
                needed / 1e9,
                heapBytes / 1e9)
            : String.format(
                Locale.ROOT,
                "make %,d weights, more than one Java array holds (%,d)",
                columns * weightsPerColumn,
                MAX_ARRAY);
    throw new SoftclassException(
        String.format(
            Locale.ROOT,
            "%s: a LIBSVM file has as many columns as its largest feature index, and training keeps"
                + " arrays with an entry per column (%d weight%s, the scaling, the column name):"
                + " %,d columns %s. %s",
            locate(train, x),
            weightsPerColumn,
            weightsPerColumn == 1 ? "" : "s",
            columns,
            limit,
            advice(columns, distinctColumns(x.indices()), oneArray ? needed : 0)));
  }

  /** Where the largest index is: file, line and index (or the index alone if its values are 0). */
  private static String locate(Dataset train, CsrMatrix x) {
    int last = x.cols() - 1;
    int[] ptr = x.rowPtr();
    int[] idx = x.indices();
    for (int r = 0; r < x.rows(); r++) {
      if (ptr[r + 1] > ptr[r] && idx[ptr[r + 1] - 1] == last) {
        String row = train.line(r) > 0 ? train.describeRow(r) : train.source() + ", row " + (r + 1);
        return row + ", feature index " + x.cols();
      }
    }
    return train.source() + ", feature index " + x.cols() + " (the largest, with only zero values)";
  }

  /**
   * What to do: renumber the indices the data use, or hash the features; or, when the columns fit
   * one array ({@code needed > 0}), give Java the memory.
   */
  private static String advice(long columns, long distinct, double needed) {
    String more =
        needed <= 0
            ? ""
            : String.format(
                Locale.ROOT,
                "; if the columns are all real, give Java more memory (JAVA_OPTS=-Xmx%dg)",
                (long) Math.ceil(needed / (1L << 30)) + 1);
    if (distinct == 0 || distinct >= columns) {
      return "Hash the features into fewer columns" + more + ".";
    }
    return String.format(
        Locale.ROOT,
        "The data use only %,d distinct feature indices: renumber them 1 to %d (and the files you"
            + " predict on the same way), or hash the features into fewer columns%s.",
        distinct,
        distinct,
        more);
  }

  /** The number of distinct column indices among the stored values. */
  private static long distinctColumns(int[] indices) {
    int[] sorted = indices.clone();
    Arrays.sort(sorted);
    long distinct = 0;
    for (int k = 0; k < sorted.length; k++) {
      if (k == 0 || sorted[k] != sorted[k - 1]) {
        distinct++;
      }
    }
    return distinct;
  }
}
