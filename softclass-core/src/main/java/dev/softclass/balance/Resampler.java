package dev.softclass.balance;

import dev.softclass.SoftclassException;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Resamples training rows so that every class present has as many rows as the largest
 * (over-sampling and SMOTE) or the smallest (under-sampling). Classes with no rows stay empty.
 * Deterministic for a given seed. Apply it to the training rows only, after scaling: never to
 * evaluation data.
 */
public final class Resampler {
  private Resampler() {}

  /**
   * Resampled rows and their classes.
   *
   * @param x the rows
   * @param y the class of each row
   */
  public record Sample(FeatureMatrix x, int[] y) {}

  /**
   * Resamples {@code x} (one row per entry of {@code y}).
   *
   * @param classes the number of classes (labels are in {@code [0, classes)})
   * @param neighbors SMOTE's k
   * @throws SoftclassException for SMOTE on sparse data
   */
  public static Sample resample(
      FeatureMatrix x, int[] y, int classes, ResampleMethod method, int neighbors, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[][] rows = rowsByClass(y, classes);
    return switch (method) {
      case NONE -> new Sample(x, y);
      case OVER -> select(x, y, over(rows, random));
      case UNDER -> select(x, y, under(rows, random));
      case SMOTE -> {
        if (!(x instanceof DenseMatrix dense)) {
          throw new SoftclassException(
              "SMOTE interpolates dense rows; this data is sparse: use --resample over (random"
                  + " over-sampling) or --class-weight balanced");
        }
        yield Smote.oversample(dense, y, rows, neighbors, random);
      }
    };
  }

  /** The row indices of each class, increasing. */
  static int[][] rowsByClass(int[] y, int classes) {
    int[] counts = new int[classes];
    for (int label : y) {
      counts[label]++;
    }
    int[][] rows = new int[classes][];
    for (int c = 0; c < classes; c++) {
      rows[c] = new int[counts[c]];
    }
    int[] fill = new int[classes];
    for (int r = 0; r < y.length; r++) {
      rows[y[r]][fill[y[r]]++] = r;
    }
    return rows;
  }

  static int largest(int[][] rows) {
    int max = 0;
    for (int[] r : rows) {
      max = Math.max(max, r.length);
    }
    return max;
  }

  /** Every row, then rows drawn with replacement from each smaller class up to the largest. */
  private static int[] over(int[][] rows, SplittableRandom random) {
    int max = largest(rows);
    int total = 0;
    for (int[] r : rows) {
      total += r.length == 0 ? 0 : max;
    }
    int[] out = new int[total];
    int n = 0;
    for (int[] r : rows) {
      for (int i : r) {
        out[n++] = i;
      }
    }
    for (int[] r : rows) {
      for (int extra = r.length == 0 ? 0 : max - r.length; extra > 0; extra--) {
        out[n++] = r[random.nextInt(r.length)];
      }
    }
    Arrays.sort(out, 0, n); // file order, duplicates next to their original
    return out;
  }

  /** From each class, a random subset (without replacement) the size of the smallest class. */
  private static int[] under(int[][] rows, SplittableRandom random) {
    int min = Integer.MAX_VALUE;
    for (int[] r : rows) {
      if (r.length > 0) {
        min = Math.min(min, r.length);
      }
    }
    int[] out = new int[0];
    int n = 0;
    for (int[] r : rows) {
      if (r.length == 0) {
        continue;
      }
      int[] pool = r.clone();
      for (int i = 0; i < min; i++) { // partial Fisher-Yates: the first min are a random subset
        int j = i + random.nextInt(pool.length - i);
        int t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
      }
      out = Arrays.copyOf(out, n + min);
      System.arraycopy(pool, 0, out, n, min);
      n += min;
    }
    Arrays.sort(out);
    return out;
  }

  private static Sample select(FeatureMatrix x, int[] y, int[] rows) {
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = y[rows[i]];
    }
    return new Sample(x.select(rows), labels);
  }
}
