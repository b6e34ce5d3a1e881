package dev.softclass.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.SoftclassException;
import dev.softclass.data.Dataset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedKFoldTest {
  /** 10 rows of class a, 5 of class b. */
  private static Dataset data() {
    double[][] x = new double[15][];
    String[] y = new String[15];
    for (int i = 0; i < 15; i++) {
      x[i] = new double[] {i};
      y[i] = i % 3 == 0 ? "b" : "a";
    }
    return Dataset.of(x, y);
  }

  @Test
  void foldsPartitionTheRowsAndKeepClassShares() {
    Dataset data = data();
    StratifiedKFold k = StratifiedKFold.of(data, 5, 1);

    int[] all = IntStream.range(0, 5).flatMap(f -> IntStream.of(k.heldOut(f))).sorted().toArray();
    assertThat(all).containsExactly(IntStream.range(0, 15).toArray());
    for (int f = 0; f < 5; f++) {
      int[] held = k.heldOut(f);
      long b = IntStream.of(held).filter(r -> data.label(r) == data.encoder().indexOf("b")).count();
      assertThat(held).hasSize(3);
      assertThat(b).isEqualTo(1);
      assertThat(k.training(f)).hasSize(12).doesNotContain(held);
    }
    assertThat(StratifiedKFold.of(data, 5, 1).foldOf()).containsExactly(k.foldOf());
    assertThat(StratifiedKFold.of(data, 5, 2).foldOf()).isNotEqualTo(k.foldOf());
  }

  @Test
  void moreFoldsThanRowsOfAClassIsAUserError() {
    assertThatThrownBy(() -> StratifiedKFold.of(data(), 6, 1))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("class 'b' has 5 rows, fewer than the 6 folds");
    assertThatThrownBy(() -> StratifiedKFold.of(data(), 1, 1))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("at least 2 folds");
  }
}
