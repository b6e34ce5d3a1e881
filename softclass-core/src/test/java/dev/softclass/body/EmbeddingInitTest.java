package dev.softclass.body;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EmbeddingInitTest {
  @Test
  void theIthValueIsTheIthDrawOfSplittableRandom() {
    for (long seed : new long[] {0, 7, -3, Long.MAX_VALUE, 0x9e3779b97f4a7c15L}) {
      SplittableRandom r = new SplittableRandom(seed);
      for (int i = 0; i < 10_000; i++) {
        assertThat(EmbeddingInit.uniform(seed, i))
            .as("seed %d, draw %d", seed, i)
            .isEqualTo(r.nextDouble());
      }
    }
  }

  @Test
  void rowsRegeneratedAloneEqualASequentialFillOfTheWholeMatrix() {
    int rows = 37;
    int dim = 13;
    long seed = 11;
    float[] sequential = new float[rows * dim];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < sequential.length; i++) {
      sequential[i] = (float) ((rng.nextDouble() * 2 - 1) * (1f / dim));
    }

    assertThat(EmbeddingBagBody.random(rows, dim, seed).embeddings()).isEqualTo(sequential);
    float[] some = EmbeddingInit.rows(seed, dim, new int[] {36, 0, 5});
    for (int j = 0; j < dim; j++) {
      assertThat(some[j]).isEqualTo(sequential[36 * dim + j]);
      assertThat(some[dim + j]).isEqualTo(sequential[j]);
      assertThat(some[2 * dim + j]).isEqualTo(sequential[5 * dim + j]);
    }
  }

  @Test
  void aBodyWithInitialRowsEqualsTheWholeMatrixItStandsFor() {
    int rows = 20;
    int dim = 6;
    long seed = 3;
    float[] whole = EmbeddingBagBody.random(rows, dim, seed).embeddings();
    int[] stored = {2, 9, 19};
    float[] values = new float[stored.length * dim];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.25f - 1;
    }
    for (int i = 0; i < stored.length; i++) {
      System.arraycopy(values, i * dim, whole, stored[i] * dim, dim);
    }
    EmbeddingBagBody partial =
        EmbeddingBagBody.withInitialRows(rows, dim, seed, stored, values.clone());
    EmbeddingBagBody full = new EmbeddingBagBody(rows, dim, whole);

    assertThat(partial.embeddings()).isEqualTo(whole);
    assertThat(partial.storedRows()).containsExactly(stored);
    int[] ids = {0, 2, 2, 19, 7, 9, 13};
    float[] a = new float[dim];
    float[] b = new float[dim];
    partial.hidden(ids, 0, ids.length, a);
    full.hidden(ids, 0, ids.length, b);
    assertThat(a).isEqualTo(b);
  }

  @Test
  void aBodyWithEveryRowStoredGivesItsValuesAsTheWholeMatrix() {
    int rows = 5;
    int dim = 3;
    float[] values = new float[rows * dim];
    for (int i = 0; i < values.length; i++) {
      values[i] = i * 0.25f - 1f;
    }
    EmbeddingBagBody body =
        EmbeddingBagBody.withInitialRows(rows, dim, 9L, new int[] {0, 1, 2, 3, 4}, values.clone());

    assertThat(body.embeddings()).isEqualTo(values);
  }
}
