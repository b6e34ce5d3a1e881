package dev.softclass.select;

import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;

/**
 * Repeated stratified k-fold cross-validation: {@code repeats} independent {@link StratifiedKFold}
 * assignments, the r-th shuffled with seed {@code seed + r}. Immutable.
 *
 * @param folds folds per repeat, at least 2
 * @param repeats number of repeats, at least 1
 * @param seed seed of the first repeat's shuffle
 */
public record CrossValidation(int folds, int repeats, long seed) {
  /**
   * @throws SoftclassException if folds &lt; 2 or repeats &lt; 1
   */
  public CrossValidation {
    if (folds < 2) {
      throw new SoftclassException("--cv must be at least 2 folds, got " + folds);
    }
    if (repeats < 1) {
      throw new SoftclassException("--repeats must be at least 1, got " + repeats);
    }
  }

  /** The fold assignment of each repeat, {@code repeats} of them. */
  public StratifiedKFold[] splits(Dataset data) {
    StratifiedKFold[] out = new StratifiedKFold[repeats];
    for (int r = 0; r < repeats; r++) {
      out[r] = StratifiedKFold.of(data, folds, seed + r);
    }
    return out;
  }

  /** Number of train/evaluate runs per candidate. */
  public int runs() {
    return folds * repeats;
  }
}
