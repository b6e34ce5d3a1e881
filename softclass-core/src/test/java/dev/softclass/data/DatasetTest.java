package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static final double[][] X = {{1, 2}, {3, 4}, {5, 6}, {7, 8}, {9, 10}};

  @Test
  void ofIntLabelsNamesClassesByIndex() {
    Dataset d = Dataset.of(X, new int[] {0, 2, 2, 1, 2});

    assertThat(d.size()).isEqualTo(5);
    assertThat(d.numFeatures()).isEqualTo(2);
    assertThat(d.encoder().classes()).containsExactly("0", "1", "2");
    assertThat(d.featureNames()).containsExactly("f1", "f2");
    assertThat(d.hasLabels()).isTrue();
    assertThat(d.hasMissing()).isFalse();
    assertThat(d.source()).isEqualTo("data");
    assertThat(d.describeRow(3)).isEqualTo("row 3");
    assertThat(((DenseMatrix) d.features()).data())
        .containsExactly(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f);
  }

  @Test
  void ofStringLabelsSortsTheClasses() {
    Dataset d = Dataset.of(X, new String[] {"dog", "cat", "dog", "bird", "cat"});

    assertThat(d.encoder().classes()).containsExactly("bird", "cat", "dog");
    assertThat(d.labels()).containsExactly(2, 1, 2, 0, 1);
  }

  @Test
  void classCountsCountEveryClassIncludingAbsentOnes() {
    Dataset d = Dataset.of(X, new int[] {0, 3, 3, 0, 3});

    assertThat(d.classCounts()).containsExactly(2, 0, 0, 3);
  }

  @Test
  void subsetTakesRowsInTheGivenOrder() {
    Dataset d = Dataset.of(X, new String[] {"a", "b", "c", "a", "b"});

    Dataset s = d.subset(new int[] {4, 0, 2});

    assertThat(s.size()).isEqualTo(3);
    assertThat(s.labels()).containsExactly(1, 0, 2);
    assertThat(s.encoder()).isSameAs(d.encoder());
    assertThat(((DenseMatrix) s.features()).data()).containsExactly(9f, 10f, 1f, 2f, 5f, 6f);
    assertThat(s.classCounts()).containsExactly(1, 1, 1);
  }

  @Test
  void subsetKeepsSourceLinesAndSparseRows() {
    CsrMatrix m =
        new CsrMatrix(new int[] {0, 1, 1, 3}, new int[] {2, 0, 1}, new float[] {5, 6, 7}, 3);
    Dataset d =
        new Dataset(
            m,
            new int[] {0, 1, 0},
            LabelEncoder.ofClasses(List.of("n", "y")),
            null,
            "s.svm",
            new long[] {3, 4, 8},
            false);

    Dataset s = d.subset(new int[] {2, 0});

    CsrMatrix sm = (CsrMatrix) s.features();
    assertThat(sm.rowPtr()).containsExactly(0, 2, 3);
    assertThat(sm.indices()).containsExactly(0, 1, 2);
    assertThat(sm.values()).containsExactly(6f, 7f, 5f);
    assertThat(s.describeRow(0)).isEqualTo("s.svm, line 8");
    assertThat(s.describeRow(1)).isEqualTo("s.svm, line 3");
  }

  @Test
  void raggedRowsAreRefused() {
    double[][] ragged = {{1, 2}, {3}};

    assertThatThrownBy(() -> Dataset.of(ragged, new int[] {0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 1 has 1 values, row 0 has 2");
  }

  @Test
  void negativeLabelIsRefused() {
    assertThatThrownBy(() -> Dataset.of(X, new int[] {0, 1, -1, 0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void labelCountMustMatchRows() {
    assertThatThrownBy(() -> Dataset.of(X, new String[] {"a", "b"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 rows but 2 labels");
  }
}
