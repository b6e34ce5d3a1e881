package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LibsvmDataReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static DataTable read(Path file) {
    return DataReaders.read(file, DataFormat.LIBSVM, "ignored", true);
  }

  private static final String SAMPLE =
      "# a comment line\n"
          + "1 1:0.5 3:2\n"
          + "\n"
          + "-1 2:1.5   # trailing comment\n"
          + "1 1:0 4:-1\n"
          + "+1\n";

  @Test
  void readsSparseRowsAsZeroBasedCsr() throws IOException {
    DataTable t = read(write("s.libsvm", SAMPLE));

    CsrMatrix m = (CsrMatrix) t.features();
    assertThat(m.rows()).isEqualTo(4);
    assertThat(m.cols()).isEqualTo(4);
    assertThat(m.rowPtr()).containsExactly(0, 2, 3, 4, 4);
    assertThat(m.indices()).containsExactly(0, 2, 1, 3);
    assertThat(m.values()).containsExactly(0.5f, 2f, 1.5f, -1f);
    assertThat(t.labels()).containsExactly("1", "-1", "1", "+1");
    assertThat(t.lines()).containsExactly(2L, 4L, 5L, 6L);
    assertThat(t.featureNames()).containsExactly("1", "2", "3", "4");
    assertThat(t.hasMissing()).isFalse();
  }

  @Test
  void leadingByteOrderMarkIsIgnored() throws IOException {
    Path file = dir.resolve("bom.svm");
    Files.write(file, "\uFEFF1 2:3\n".getBytes(StandardCharsets.UTF_8));

    DataTable t = read(file);

    assertThat(t.labels()).containsExactly("1");
    assertThat(((CsrMatrix) t.features()).indices()).containsExactly(1);
  }

  @Test
  void zeroValuesAreNotStored() throws IOException {
    DataTable t = read(write("z.svm", "0 1:0 2:0.0 3:-0 5:3\n"));

    CsrMatrix m = (CsrMatrix) t.features();
    assertThat(m.indices()).containsExactly(4);
    assertThat(m.values()).containsExactly(3f);
    assertThat(m.cols()).isEqualTo(5);
    assertThat(m.denseRow(0)).containsExactly(0f, 0f, 0f, 0f, 3f);
  }

  @Test
  void columnCountIsLargestIndexEvenWhenItsValueIsZero() throws IOException {
    DataTable t = read(write("z.svm", "0 1:1 7:0\n1 2:1\n"));

    assertThat(t.features().cols()).isEqualTo(7);
  }

  @Test
  void decreasingIndicesNameLineAndField() throws IOException {
    Path file = write("order.libsvm", "1 1:1\n0 3:1 2:1\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("order.libsvm")
        .hasMessageContaining("line 2")
        .hasMessageContaining("field 3")
        .hasMessageContaining("2 comes after 3");
  }

  @Test
  void repeatedIndexIsAnError() throws IOException {
    Path file = write("dup.libsvm", "1 4:1 4:2\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("field 3")
        .hasMessageContaining("must increase");
  }

  @Test
  void indexZeroIsRefusedAsNotOneBased() throws IOException {
    Path file = write("zero.libsvm", "1 1:1\n1 0:1 2:1\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("zero.libsvm")
        .hasMessageContaining("line 2")
        .hasMessageContaining("field 2")
        .hasMessageContaining("1-based");
  }

  @Test
  void badValueIsRefused() throws IOException {
    Path file = write("value.libsvm", "1 1:1 2:abc\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("field 3")
        .hasMessageContaining("finite number")
        .hasMessageContaining("'2:abc'");
  }

  @Test
  void nonFiniteValueIsRefused() throws IOException {
    Path file = write("nan.libsvm", "1 1:NaN\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("finite number");
  }

  @Test
  void tokenWithoutColonIsRefused() throws IOException {
    Path file = write("colon.libsvm", "1 1:2 3\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("field 3")
        .hasMessageContaining("expected index:value");
  }

  @Test
  void lineStartingWithAFeatureHasNoLabel() throws IOException {
    Path file = write("nolabel.libsvm", "1:2 3:4\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("field 1")
        .hasMessageContaining("expected a label first");
  }

  @Test
  void onlyCommentsIsAnError() throws IOException {
    Path file = write("comments.libsvm", "# nothing\n\n# here\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("no data lines");
  }

  @Test
  void readsGzipCompressedLibsvmWithDetectedFormat() throws IOException {
    Path file = dir.resolve("s.libsvm.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(SAMPLE.getBytes(StandardCharsets.UTF_8));
    }

    DataTable t = DataReaders.read(file, null, null, true);

    CsrMatrix m = (CsrMatrix) t.features();
    assertThat(m.rowPtr()).containsExactly(0, 2, 3, 4, 4);
    assertThat(m.indices()).containsExactly(0, 2, 1, 3);
    assertThat(m.values()).containsExactly(0.5f, 2f, 1.5f, -1f);
    assertThat(t.labels()).containsExactly("1", "-1", "1", "+1");
  }

  @Test
  void truncatedGzipIsReported() throws IOException {
    Path full = dir.resolve("full.libsvm.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(full))) {
      out.write(SAMPLE.repeat(50).getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = Files.readAllBytes(full);
    Path cut = dir.resolve("cut.libsvm.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> read(cut))
        .isInstanceOf(dev.softclass.SoftclassException.class)
        .hasMessageContaining("cut.libsvm.gz")
        .hasMessageContaining("truncated");
  }
}
