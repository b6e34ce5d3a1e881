package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataTableTest {
  private static DataTable table(String[] labels) {
    int n = labels == null ? 3 : labels.length;
    float[] values = new float[n * 2];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    long[] lines = new long[n];
    for (int i = 0; i < n; i++) {
      lines[i] = 10 + 2L * i;
    }
    return new DataTable(
        "eval.csv", new DenseMatrix(values, n, 2), labels, List.of("u", "v"), lines, false);
  }

  @Test
  void toDatasetEncodesWithTheGivenEncoder() {
    LabelEncoder model = LabelEncoder.ofClasses(List.of("b", "a"));

    Dataset d = table(new String[] {"a", "b", "a"}).toDataset(model);

    assertThat(d.labels()).containsExactly(1, 0, 1);
    assertThat(d.encoder()).isSameAs(model);
    assertThat(d.featureNames()).containsExactly("u", "v");
    assertThat(d.source()).isEqualTo("eval.csv");
    assertThat(d.describeRow(2)).isEqualTo("eval.csv, line 14");
  }

  @Test
  void unseenLabelNamesItsLine() {
    LabelEncoder model = LabelEncoder.ofClasses(List.of("a", "b"));

    assertThatThrownBy(() -> table(new String[] {"a", "b", "c"}).toDataset(model))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("eval.csv")
        .hasMessageContaining("line 14")
        .hasMessageContaining("class 'c'")
        .hasMessageContaining("[a, b]");
  }

  @Test
  void toDatasetFitsASortedEncoder() {
    Dataset d = table(new String[] {"10", "9", "10"}).toDataset();

    assertThat(d.encoder().classes()).containsExactly("9", "10");
    assertThat(d.labels()).containsExactly(1, 0, 1);
  }

  @Test
  void toDatasetWithoutLabelsNeedsAnEncoderOrFails() {
    DataTable t = table(null);

    assertThatThrownBy(t::toDataset)
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("no label column");
    assertThat(t.toDataset(LabelEncoder.ofClasses(List.of("a", "b"))).labels()).isNull();
  }
}
