package dev.softclass.select;

import dev.softclass.data.Dataset;
import dev.softclass.optim.MiniBatchSgd;
import java.util.SplittableRandom;

/** The row indices of each class, each class's rows shuffled from one seeded generator. */
final class ShuffledClasses {
  private ShuffledClasses() {}

  /**
   * Row indices grouped by class (index {@code c} holds class {@code c}'s rows), classes shuffled
   * in class order with one generator seeded by {@code seed}: the same seed, the same groups.
   */
  static int[][] of(Dataset data, long seed) {
    int[] counts = data.classCounts();
    int[][] rows = new int[counts.length][];
    for (int c = 0; c < counts.length; c++) {
      rows[c] = new int[counts[c]];
    }
    int[] filled = new int[counts.length];
    for (int r = 0; r < data.size(); r++) {
      int c = data.label(r);
      rows[c][filled[c]++] = r;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int[] group : rows) {
      MiniBatchSgd.shuffle(group, random);
    }
    return rows;
  }
}
