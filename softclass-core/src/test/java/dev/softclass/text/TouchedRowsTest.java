package dev.softclass.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.SoftclassException;
import dev.softclass.optim.TrainingState;
import dev.softclass.preprocess.text.TextFeatures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TouchedRowsTest {
  /** Three examples over a 10-row matrix: rows 7, 2, 7, 9 | 2 | 0, 9. */
  private static final TextFeatures.Rows EXAMPLES =
      new TextFeatures.Rows(new int[] {0, 4, 5, 7}, new int[] {7, 2, 7, 9, 2, 0, 9});

  @Test
  void touchedRowsAreAscendingAndTheExamplesIndexThem() {
    TouchedRows t = TouchedRows.of(EXAMPLES, 10);

    assertThat(t.rows()).containsExactly(0, 2, 7, 9);
    assertThat(t.compactRows().offsets()).containsExactly(0, 4, 5, 7);
    assertThat(t.compactRows().ids()).containsExactly(2, 1, 2, 3, 1, 0, 3);
  }

  @Test
  void checkpointsOfTheCompactOrTheWholeMatrixRestoreTheTouchedRows() {
    TouchedRows t = TouchedRows.of(EXAMPLES, 10);
    int dim = 2;
    float[] whole = new float[10 * dim];
    for (int i = 0; i < whole.length; i++) {
      whole[i] = i;
    }
    float[] compact = {0, 1, 4, 5, 14, 15, 18, 19};

    assertThat(t.restore(state(whole), "embeddings", dim)).containsExactly(compact);
    assertThat(t.restore(state(compact), "embeddings", dim)).containsExactly(compact);
    assertThatThrownBy(() -> t.restore(state(new float[6]), "embeddings", dim))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("does not fit");
  }

  private static TrainingState state(float[] embeddings) {
    return new TrainingState(1, 3, Map.of(), Map.of("embeddings", embeddings));
  }
}
