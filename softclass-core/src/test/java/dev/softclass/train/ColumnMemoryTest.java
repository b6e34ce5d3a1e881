package dev.softclass.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.SoftclassException;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A LIBSVM file with one huge feature index is refused before training makes arrays with an entry
 * per column (it ran for minutes, then out of memory), with a message naming the file, line and
 * index, the columns and memory, and what to do; data that fit still train.
 */
class ColumnMemoryTest {
  /** The fuzzing finding: index 2,033,333,337 on line 1, among the indices 1, 3, 205 and 206. */
  private static final String FINDING =
      "/dev/softclass/data/LibsvmReaderFuzzTestInputs/fuzz/huge-index.libsvm";

  private static Dataset libsvm(String source, String text) {
    return DataReaders.read(new StringReader(text), source, DataFormat.LIBSVM, null, true)
        .toDataset();
  }

  private static Dataset finding() throws IOException {
    try (Reader in =
        new InputStreamReader(
            ColumnMemoryTest.class.getResourceAsStream(FINDING), StandardCharsets.UTF_8)) {
      return DataReaders.read(in, "huge-index.libsvm", DataFormat.LIBSVM, null, true).toDataset();
    }
  }

  @Test
  void theFuzzingFindingIsRefusedByEveryTrainer() throws IOException {
    Dataset data = finding();
    assertThat(data.numFeatures()).isEqualTo(2_033_333_337);
    for (Classifier classifier :
        new Classifier[] {
          Classifier.logistic(),
          Classifier.logistic().optimizer(OptimizerType.SGD),
          Classifier.logistic().optimizer(OptimizerType.ADAM),
          Classifier.mlp(16)
        }) {
      assertThatThrownBy(() -> classifier.fit(data))
          .isInstanceOf(SoftclassException.class)
          .hasMessageContaining("huge-index.libsvm, line 1, feature index 2033333337: ")
          .hasMessageContaining("2,033,333,337 columns need at least")
          .hasMessageContaining("GB Java heap")
          .hasMessageContaining("only 5 distinct feature indices: renumber them 1 to 5");
    }
  }

  @Test
  void theMessageCountsTheColumnsAndTheMemory() {
    // 3 classes: 3 weights per column, padded to 4; one copy in doubles and the model's in floats.
    Dataset data = libsvm("wide.libsvm", "a 1:1\nb 2:1\nc 1:2 4000000:1\n");
    long weightBytes = 12L * 4;
    double needed = 4_000_000.0 * (ColumnMemory.BOOKKEEPING_BYTES + weightBytes);
    assertThatThrownBy(() -> ColumnMemory.require(data, 3, weightBytes, (long) needed - 1))
        .hasMessageContaining("wide.libsvm, line 3, feature index 4000000: ")
        .hasMessageContaining("(3 weights, the scaling, the column name)")
        .hasMessageContaining(
            String.format(
                java.util.Locale.ROOT, "4,000,000 columns need at least %.1f GB", needed / 1e9))
        .hasMessageContaining("only 3 distinct feature indices: renumber them 1 to 3")
        .hasMessageContaining("-Xmx");
    assertThatCode(() -> ColumnMemory.require(data, 3, weightBytes, (long) needed))
        .doesNotThrowAnyException();
  }

  @Test
  void weightsBeyondOneJavaArrayAreRefusedWhateverTheHeap() throws IOException {
    assertThatThrownBy(() -> ColumnMemory.require(finding(), 3, 48, Long.MAX_VALUE))
        .hasMessageContaining("2,033,333,337 columns make 6,100,000,011 weights, more than one")
        .hasMessageContaining("renumber them 1 to 5")
        .hasMessageNotContaining("-Xmx");
  }

  @Test
  void aLargestIndexWithOnlyZerosIsNamedWithoutALine() {
    Dataset data = libsvm("zeros.libsvm", "0 1:1\n1 2:1 3000000:0\n");
    assertThatThrownBy(() -> ColumnMemory.require(data, 1, 12, 1000))
        .hasMessageContaining("zeros.libsvm, feature index 3000000 (the largest, with only zero");
  }

  @Test
  void denseDataAndDataThatFitAreLeftAlone() throws IOException {
    Dataset dense =
        DataReaders.read(
                new StringReader("label,a,b\nx,1,2\ny,3,1\n"),
                "d.csv",
                DataFormat.CSV,
                "label",
                true)
            .toDataset();
    assertThatCode(() -> ColumnMemory.require(dense, 1, 12, 1)).doesNotThrowAnyException();

    // A normal LIBSVM file trains as before: its weights sit at the indices of the file.
    Dataset data = libsvm("ok.libsvm", "0 1:1 3:0.5\n1 2:1 3:0.5\n0 1:0.8\n1 2:0.9\n");
    Model model = Classifier.logistic().l2(0.1).fit(data);
    assertThat(model.numFeatures()).isEqualTo(3);
    assertThat(model.predict(data)).containsExactly(0, 1, 0, 1);
  }
}
