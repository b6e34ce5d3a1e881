package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiLabelReadingTest {
  private static DataTable csv(String text) {
    return DataReaders.read(new StringReader(text), "t.csv", DataFormat.CSV, "label", true);
  }

  @Test
  void csvLabelsJoinedBySemicolonsBecomeLabelSets() {
    DataTable t = csv("x,label\n1,b;a\n2,c\n3,a;c; b\n");
    assertThat(t.hasLabelSets(";")).isTrue();
    Dataset d = t.toMultiLabelDataset(";");
    assertThat(d.encoder().classes()).containsExactly("a", "b", "c");
    assertThat(d.labelSets().labels(0)).containsExactly(0, 1);
    assertThat(d.labelSets().labels(1)).containsExactly(2);
    assertThat(d.labelSets().labels(2)).containsExactly(0, 1, 2);
    assertThat(d.classCounts()).containsExactly(2, 2, 2);
    assertThat(d.subset(new int[] {2, 1}).labelSets().labels(1)).containsExactly(2);
  }

  @Test
  void anEmptyLabelInASetNamesTheLine() {
    assertThatThrownBy(() -> csv("x,label\n1,a\n2,a;;b\n").toMultiLabelDataset(";"))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("t.csv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("empty label");
  }

  @Test
  void aLabelOutsideTheModelsVocabularyNamesTheLine() {
    LabelEncoder vocabulary = LabelEncoder.ofClasses(List.of("a", "b"));
    assertThatThrownBy(() -> csv("x,label\n1,a\n2,b;z\n").toMultiLabelDataset(";", vocabulary))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("'z'");
  }

  @Test
  void libsvmCommaSeparatedLabelIndicesAsInTheYeastFile() throws Exception {
    try (Reader r =
        new InputStreamReader(
            getClass().getResourceAsStream("/datasets/yeast/yeast-60.libsvm"),
            StandardCharsets.UTF_8)) {
      DataTable t = DataReaders.read(r, "yeast-60.libsvm", DataFormat.LIBSVM, null, true);
      assertThat(t.hasLabelSets(DataFormat.LIBSVM.labelSeparator())).isTrue();
      Dataset d = t.toMultiLabelDataset(",");
      assertThat(d.size()).isEqualTo(60);
      assertThat(d.numFeatures()).isEqualTo(103);
      // first line "2,3 1:0.0937 ...": labels 2 and 3 (label3;label4 in the CSV)
      int[] first = d.labelSets().labels(0);
      assertThat(List.of(d.encoder().name(first[0]), d.encoder().name(first[1])))
          .containsExactly("2", "3");
    }
  }

  @Test
  void singleLabelDataReadAsLabelSetsGiveOneLabelPerRow() {
    Dataset d = csv("x,label\n1,a\n2,b\n").toDataset();
    assertThat(d.hasLabelSets()).isFalse();
    assertThat(d.asLabelSets().isSingleLabel()).isTrue();
    assertThat(d.asLabelSets().labels(1)).containsExactly(1);
  }
}
