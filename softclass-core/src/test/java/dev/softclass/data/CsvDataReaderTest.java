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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvDataReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private Path writeGzip(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return file;
  }

  private static DataTable read(Path file) {
    return DataReaders.read(file, DataFormat.CSV, "label", true);
  }

  @Test
  void readsLabelColumnByNameWhenItIsNotFirst() throws IOException {
    Path file = write("t.csv", "a,b,label,c\n1,2,x,3\n-4.5,5e2,y,+6\n");

    DataTable t = read(file);

    assertThat(t.featureNames()).containsExactly("a", "b", "c");
    assertThat(t.labels()).containsExactly("x", "y");
    assertThat(t.lines()).containsExactly(2L, 3L);
    assertThat(t.hasMissing()).isFalse();
    assertThat(t.source()).isEqualTo(file.toString());
    DenseMatrix m = (DenseMatrix) t.features();
    assertThat(m.rows()).isEqualTo(2);
    assertThat(m.cols()).isEqualTo(3);
    assertThat(m.data()).containsExactly(1f, 2f, 3f, -4.5f, 500f, 6f);
  }

  @Test
  void stripsSpacesAroundHeaderNamesAndCells() throws IOException {
    DataTable t = read(write("t.csv", " a , label \n 1.5 , cat \n"));

    assertThat(t.featureNames()).containsExactly("a");
    assertThat(t.labels()).containsExactly("cat");
    assertThat(((DenseMatrix) t.features()).data()).containsExactly(1.5f);
  }

  @Test
  void leadingByteOrderMarkIsIgnored() throws IOException {
    Path file = dir.resolve("excel.csv");
    Files.write(file, "\uFEFFlabel,a\nx,1\n".getBytes(StandardCharsets.UTF_8));

    DataTable t = read(file);

    assertThat(t.labels()).containsExactly("x");
    assertThat(t.featureNames()).containsExactly("a");
  }

  @Test
  void emptyCellIsMissingStoredAsNaN() throws IOException {
    DataTable t = read(write("t.csv", "a,b,label\n1,,x\n3,4,y\n"));

    assertThat(t.hasMissing()).isTrue();
    DenseMatrix m = (DenseMatrix) t.features();
    assertThat(m.get(0, 0)).isEqualTo(1f);
    assertThat(m.get(0, 1)).isNaN();
    assertThat(m.get(1, 1)).isEqualTo(4f);
    assertThat(t.toDataset().hasMissing()).isTrue();
  }

  @Test
  void columnWithAStringIsATextColumnWithNumberKeys() throws IOException {
    Path file = write("cells.csv", "a,label,width\n1,x,2.0\n3,y,wide\n4,z,\n5,x,02\n6,y,2.5\n");

    DataTable t = read(file);

    assertThat(t.text().indices()).containsExactly(1);
    assertThat(t.text().column(1)).containsExactly("2", "wide", null, "2", "2.5");
    assertThat(t.text().firstTextLine(1)).isEqualTo(3);
    assertThat(t.text().has(0)).isFalse();
    assertThat(t.toDataset().text().column(1)).hasSize(5);
    assertThat(t.toDataset().subset(new int[] {1, 0}).text().column(1))
        .containsExactly("wide", "2");
  }

  @Test
  void hexNumberTextIsACategory() throws IOException {
    Path file = write("hex.csv", "a,label\n1,x\n0x1p3,y\n");

    assertThat(read(file).text().column(0)).containsExactly("1", "0x1p3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "nan", "inf", "-inf", "Infinity", "-Infinity", "1e999"})
  void nonFiniteOrExoticNumberTextIsRefused(String cell) throws IOException {
    Path file = write("special.csv", "a,label\n1,x\n" + cell + ",y\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("special.csv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("column 'a'")
        .hasMessageContaining("finite number");
  }

  @Test
  void wrongFieldCountNamesTheLine() throws IOException {
    Path file = write("short.csv", "a,b,label\n1,2,x\n1,y\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("short.csv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("expected 3 fields")
        .hasMessageContaining("found 2");
  }

  @Test
  void tooManyFieldsIsAlsoAnError() throws IOException {
    Path file = write("long.csv", "a,label\n1,x\n1,y,9\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("expected 2 fields")
        .hasMessageContaining("found 3");
  }

  @Test
  void missingLabelColumnListsTheHeader() throws IOException {
    Path file = write("nolabel.csv", "a,b,c\n1,2,3\n");

    assertThatThrownBy(() -> DataReaders.read(file, DataFormat.CSV, "species", true))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("nolabel.csv")
        .hasMessageContaining("no column named 'species'")
        .hasMessageContaining("[a, b, c]");
  }

  @Test
  void unlabelledFileIsAllowedWhenLabelsAreNotRequired() throws IOException {
    Path file = write("predict.csv", "a,b\n1,2\n3,4\n");

    DataTable t = DataReaders.read(file, DataFormat.CSV, "label", false);

    assertThat(t.labels()).isNull();
    assertThat(t.featureNames()).containsExactly("a", "b");
    assertThat(((DenseMatrix) t.features()).data()).containsExactly(1f, 2f, 3f, 4f);
    Dataset d = t.toDataset(LabelEncoder.ofClasses(java.util.List.of("p", "q")));
    assertThat(d.hasLabels()).isFalse();
    assertThat(d.size()).isEqualTo(2);
  }

  @Test
  void emptyLabelCellIsAnError() throws IOException {
    Path file = write("t.csv", "a,label\n1,x\n2,\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("label is empty");
  }

  @Test
  void headerWithoutRowsIsAnError() throws IOException {
    Path file = write("header.csv", "a,label\n");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("header.csv")
        .hasMessageContaining("no data rows");
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    Path file = write("empty.csv", "");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("empty.csv")
        .hasMessageContaining("empty");
  }

  @Test
  void readsGzipCompressedCsvWithDetectedFormat() throws IOException {
    Path file = writeGzip("t.csv.gz", "label,a,b\nx,1,2\ny,3,4\n");

    DataTable t = DataReaders.read(file, null, "label", true);

    assertThat(t.featureNames()).containsExactly("a", "b");
    assertThat(t.labels()).containsExactly("x", "y");
    assertThat(((DenseMatrix) t.features()).data()).containsExactly(1f, 2f, 3f, 4f);
  }

  @Test
  void gzipIsRecognisedByContentNotName() throws IOException {
    Path file = writeGzip("t.csv", "label,a\nx,7\n");

    DataTable t = DataReaders.read(file, DataFormat.CSV, "label", true);

    assertThat(((DenseMatrix) t.features()).data()).containsExactly(7f);
  }

  @Test
  void truncatedGzipIsReportedAsTruncated() throws IOException {
    StringBuilder text = new StringBuilder("label,a,b\n");
    for (int r = 0; r < 2000; r++) {
      text.append(r % 2 == 0 ? "x," : "y,").append(r).append(',').append(r * 0.5).append('\n');
    }
    byte[] bytes = Files.readAllBytes(writeGzip("full.csv.gz", text.toString()));
    Path cut = dir.resolve("cut.csv.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> read(cut))
        .isInstanceOf(dev.softclass.SoftclassException.class)
        .hasMessageContaining("cut.csv.gz")
        .hasMessageContaining("truncated");
  }

  @Test
  void corruptGzipIsReportedAsCorrupt() throws IOException {
    byte[] bytes = Files.readAllBytes(writeGzip("full.csv.gz", "label,a\nx,1\ny,2\n"));
    for (int i = 10; i < bytes.length - 8; i++) {
      bytes[i] = (byte) 0xff;
    }
    Path bad = dir.resolve("bad.csv.gz");
    Files.write(bad, bytes);

    assertThatThrownBy(() -> read(bad))
        .isInstanceOf(dev.softclass.SoftclassException.class)
        .hasMessageContaining("bad.csv.gz")
        .hasMessageContaining("corrupt gzip data");
  }

  @Test
  void missingFileIsReported() {
    Path file = dir.resolve("absent.csv");

    assertThatThrownBy(() -> read(file))
        .isInstanceOf(dev.softclass.SoftclassException.class)
        .hasMessageContaining("not found")
        .hasMessageContaining("absent.csv");
  }
}
