package dev.softclass.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.body.EmbeddingBagBody;
import dev.softclass.body.EmbeddingInit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trainer's row-per-array embedding against the model's matrix and hand-computed updates. */
class EmbeddingRowsTest {
  private static final int DIM = 37;
  private static final int ROWS = 11;

  private static float[] values(long seed) {
    Random r = new Random(seed);
    float[] v = new float[ROWS * DIM];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  private static EmbeddingRows withValues(float[] v) {
    EmbeddingRows rows = EmbeddingRows.initial(0, DIM, new int[ROWS]);
    rows.set(v);
    return rows;
  }

  @Test
  void initialRowsAreTheMatrixRowsInitialValues() {
    int[] matrixRows = {5, 0, 123456};
    float[] expected = EmbeddingInit.rows(7, DIM, matrixRows);
    assertThat(EmbeddingRows.initial(7, DIM, matrixRows).values()).containsExactly(expected);
  }

  @Test
  void theMeanEqualsTheBodysHiddenVectorBitForBit() {
    float[] v = values(1);
    EmbeddingRows rows = withValues(v);
    EmbeddingBagBody body = new EmbeddingBagBody(ROWS, DIM, v.clone());
    int[] ids = {9, 3, 3, 0, 10, 7, 2};
    for (int from = 0; from <= ids.length; from += 2) {
      float[] a = new float[DIM];
      float[] b = new float[DIM];
      java.util.Arrays.fill(a, 5f); // stale values must not leak into the mean
      rows.mean(ids, from, ids.length, a);
      body.hidden(ids, from, ids.length, b);
      assertThat(a).as("from %d", from).containsExactly(b);
    }
  }

  @Test
  void addToRowsAddsTheStepOverTheCountToEveryOccurrence() {
    float[] v = values(2);
    EmbeddingRows rows = withValues(v);
    int[] ids = {4, 1, 4, 8};
    float[] step = new float[DIM];
    for (int j = 0; j < DIM; j++) {
      step[j] = j - 3.5f;
    }
    float[] expected = v.clone();
    for (int id : ids) {
      for (int j = 0; j < DIM; j++) {
        expected[id * DIM + j] += 0.25f * step[j];
      }
    }
    rows.addToRows(ids, 0, ids.length, step);
    assertThat(rows.values()).containsExactly(expected);
  }

  @Test
  void setAndValuesRoundTripAndCopy() {
    float[] v = values(3);
    EmbeddingRows rows = withValues(v);
    float[] out = rows.values();
    assertThat(out).containsExactly(v).isNotSameAs(v);
    v[0] = 42f;
    assertThat(rows.values()[0]).isNotEqualTo(42f);
    assertThatThrownBy(() -> rows.set(new float[DIM])).isInstanceOf(IllegalArgumentException.class);
  }
}
