package dev.softclass.select;

import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import java.util.Arrays;

/**
 * A train/test split that keeps each class's share: every class contributes {@code
 * round(testFraction * count)} rows to the test part (at least one when it has two or more rows).
 * Rows are chosen with a seeded shuffle, so the same seed gives the same split.
 *
 * @param train the training part
 * @param test the held-out part
 */
public record StratifiedSplit(Dataset train, Dataset test) {

  /**
   * Splits labelled data.
   *
   * @param testFraction the share of rows held out, in (0, 1)
   * @throws SoftclassException if the fraction is out of range or a part would be empty
   */
  public static StratifiedSplit of(Dataset data, double testFraction, long seed) {
    int[][] rows = rows(data, testFraction, seed);
    return new StratifiedSplit(data.subset(rows[0]), data.subset(rows[1]));
  }

  /**
   * The row indices of the split {@link #of} makes: {@code {train, test}}, each increasing.
   *
   * @throws SoftclassException if the fraction is out of range or a part would be empty
   */
  public static int[][] rows(Dataset data, double testFraction, long seed) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw new SoftclassException(
          "the test fraction must be between 0 and 1, got " + testFraction);
    }
    if (!data.hasLabels()) {
      throw new SoftclassException("a stratified split needs labelled data");
    }
    int[] trainRows = new int[data.size()];
    int[] testRows = new int[data.size()];
    int nTrain = 0;
    int nTest = 0;
    for (int[] shuffled : ShuffledClasses.of(data, seed)) {
      int inTest = (int) Math.round(testFraction * shuffled.length);
      if (shuffled.length >= 2) {
        inTest = Math.min(Math.max(inTest, 1), shuffled.length - 1);
      }
      for (int i = 0; i < shuffled.length; i++) {
        if (i < inTest) {
          testRows[nTest++] = shuffled[i];
        } else {
          trainRows[nTrain++] = shuffled[i];
        }
      }
    }
    if (nTrain == 0 || nTest == 0) {
      throw new SoftclassException("the split would leave one part empty: use more data");
    }
    int[] train = Arrays.copyOf(trainRows, nTrain);
    int[] test = Arrays.copyOf(testRows, nTest);
    Arrays.sort(train);
    Arrays.sort(test);
    return new int[][] {train, test};
  }
}
