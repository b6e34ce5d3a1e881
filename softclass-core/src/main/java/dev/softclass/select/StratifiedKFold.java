package dev.softclass.select;

import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;

/**
 * K-fold cross-validation folds that keep each class's share: each class's rows are shuffled with a
 * seeded generator and dealt to the folds in turn, so fold sizes per class differ by at most one.
 * The same seed gives the same folds. Immutable.
 *
 * @param foldOf the fold of each row, in {@code [0, folds)}
 * @param folds the number of folds
 */
public record StratifiedKFold(int[] foldOf, int folds) {

  /** Copies the assignment. */
  public StratifiedKFold {
    foldOf = foldOf.clone();
  }

  /**
   * Assigns the rows of labelled {@code data} to {@code folds} folds.
   *
   * @throws SoftclassException if there are fewer than 2 folds or more folds than rows of some
   *     class
   */
  public static StratifiedKFold of(Dataset data, int folds, long seed) {
    if (folds < 2) {
      throw new SoftclassException("cross-validation needs at least 2 folds, got " + folds);
    }
    if (!data.hasLabels()) {
      throw new SoftclassException("stratified folds need labelled data");
    }
    int[] counts = data.classCounts();
    for (int c = 0; c < counts.length; c++) {
      if (counts[c] > 0 && counts[c] < folds) {
        throw new SoftclassException(
            "class '"
                + data.encoder().name(c)
                + "' has "
                + counts[c]
                + " rows, fewer than the "
                + folds
                + " folds: use fewer folds or more data");
      }
    }
    int[] foldOf = new int[data.size()];
    int next = 0;
    for (int[] shuffled : ShuffledClasses.of(data, seed)) {
      for (int row : shuffled) {
        foldOf[row] = next;
        next = (next + 1) % folds;
      }
    }
    return new StratifiedKFold(foldOf, folds);
  }

  /** The rows of fold {@code f} (held out), in increasing order. */
  public int[] heldOut(int f) {
    return rows(f, true);
  }

  /** The rows of every other fold (for training), in increasing order. */
  public int[] training(int f) {
    return rows(f, false);
  }

  @Override
  public int[] foldOf() {
    return foldOf.clone();
  }

  private int[] rows(int f, boolean inFold) {
    int count = 0;
    for (int fold : foldOf) {
      if ((fold == f) == inFold) {
        count++;
      }
    }
    int[] out = new int[count];
    int n = 0;
    for (int r = 0; r < foldOf.length; r++) {
      if ((foldOf[r] == f) == inFold) {
        out[n++] = r;
      }
    }
    return out;
  }
}
