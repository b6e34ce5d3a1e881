package dev.softclass.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {
  /** 100 rows of "A" then 50 of "B", interleaved; feature 0 is the row number. */
  private static Dataset hundredAFiftyB() {
    double[][] x = new double[150][];
    String[] y = new String[150];
    for (int r = 0; r < 150; r++) {
      x[r] = new double[] {r, r % 7};
      y[r] = r % 3 == 2 ? "B" : "A";
    }
    return Dataset.of(x, y);
  }

  private static int[] rowIds(Dataset d) {
    DenseMatrix m = (DenseMatrix) d.features();
    return IntStream.range(0, d.size()).map(r -> (int) m.get(r, 0)).toArray();
  }

  @Test
  void keepsEachClassShare() {
    Dataset data = hundredAFiftyB();
    assertThat(data.classCounts()).containsExactly(100, 50);

    StratifiedSplit split = StratifiedSplit.of(data, 0.2, 7);

    assertThat(split.test().classCounts()).containsExactly(20, 10);
    assertThat(split.train().classCounts()).containsExactly(80, 40);
    assertThat(split.test().encoder()).isSameAs(data.encoder());
  }

  @Test
  void partsAreDisjointAndCoverEveryRowWithLabelsIntact() {
    Dataset data = hundredAFiftyB();

    StratifiedSplit split = StratifiedSplit.of(data, 0.2, 7);

    int[] train = rowIds(split.train());
    int[] test = rowIds(split.test());
    int[] all = IntStream.concat(Arrays.stream(train), Arrays.stream(test)).sorted().toArray();
    assertThat(all).isEqualTo(IntStream.range(0, 150).toArray());
    assertThat(train).isSorted();
    assertThat(test).isSorted();
    for (Dataset part : new Dataset[] {split.train(), split.test()}) {
      int[] ids = rowIds(part);
      for (int i = 0; i < ids.length; i++) {
        assertThat(part.label(i)).isEqualTo(data.label(ids[i]));
      }
    }
  }

  @Test
  void sameSeedGivesSameSplit() {
    Dataset data = hundredAFiftyB();

    int[] first = rowIds(StratifiedSplit.of(data, 0.2, 123).test());
    int[] second = rowIds(StratifiedSplit.of(data, 0.2, 123).test());

    assertThat(second).isEqualTo(first);
  }

  @Test
  void differentSeedGivesDifferentSplit() {
    Dataset data = hundredAFiftyB();

    int[] first = rowIds(StratifiedSplit.of(data, 0.2, 1).test());
    int[] second = rowIds(StratifiedSplit.of(data, 0.2, 2).test());

    assertThat(second).isNotEqualTo(first);
    assertThat(second).hasSameSizeAs(first);
  }

  @Test
  void roundsPerClassAndKeepsAtLeastOneOfAPair() {
    // Classes of 7, 2 and 1 rows at 0.3: round(2.1) = 2, round(0.6) = 1, and 1-row class stays in
    // train (round(0.3) = 0).
    int[] y = {0, 0, 0, 0, 0, 0, 0, 1, 1, 2};
    double[][] x = new double[y.length][];
    for (int r = 0; r < y.length; r++) {
      x[r] = new double[] {r};
    }

    StratifiedSplit split = StratifiedSplit.of(Dataset.of(x, y), 0.3, 5);

    assertThat(split.test().classCounts()).containsExactly(2, 1, 0);
    assertThat(split.train().classCounts()).containsExactly(5, 1, 1);
  }

  @Test
  void fractionMustBeStrictlyBetweenZeroAndOne() {
    Dataset data = hundredAFiftyB();

    for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> StratifiedSplit.of(data, f, 1))
          .isInstanceOf(SoftclassException.class)
          .hasMessageContaining("between 0 and 1");
    }
  }

  @Test
  void unlabelledDataIsRefused() {
    Dataset data = hundredAFiftyB();
    Dataset unlabelled =
        new Dataset(data.features(), null, data.encoder(), null, "p.csv", null, false);

    assertThatThrownBy(() -> StratifiedSplit.of(unlabelled, 0.2, 1))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("labelled");
  }
}
