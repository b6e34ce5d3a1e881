package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.io.StringReader;
import java.nio.CharBuffer;
import org.junit.jupiter.api.Test;

/**
 * Inputs built to exhaust memory fail with a clear error instead: a line longer than any real data
 * row (generated on the fly, never held whole), and feature indices beyond what a weight matrix can
 * hold.
 */
class ResourceLimitTest {
  /** A header, then {@code filler} repeated without end: a 10 GB line, produced lazily. */
  private static Reader endlessLine(String header, char filler) {
    return new Reader() {
      private int headerLeft = header.length();

      @Override
      public int read(char[] cbuf, int off, int len) {
        if (headerLeft > 0) {
          int n = Math.min(len, headerLeft);
          header.getChars(
              header.length() - headerLeft, header.length() - headerLeft + n, cbuf, off);
          headerLeft -= n;
          return n;
        }
        java.util.Arrays.fill(cbuf, off, off + len, filler);
        return len;
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void anEndlessLibsvmLineIsRefusedAtTheLineLimit() {
    assertThatThrownBy(
            () ->
                DataReaders.read(
                    endlessLine("1 1:0.5\n0 ", '7'), "huge.libsvm", DataFormat.LIBSVM, null, true))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("huge.libsvm, line 2")
        .hasMessageContaining("longer than 33,554,432 characters");
  }

  @Test
  void anEndlessFastTextLineIsRefusedAtTheLineLimit() {
    assertThatThrownBy(
            () ->
                FastTextReader.read(
                    endlessLine("__label__a hi\n__label__b ", 'w'), "huge.txt", true))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("huge.txt, line 2")
        .hasMessageContaining("longer than 33,554,432 characters");
  }

  @Test
  void anEndlessCsvRecordIsRefusedByTheCsvParsersLimit() {
    assertThatThrownBy(
            () ->
                DataReaders.read(
                    endlessLine("label,a\nx,", '7'), "huge.csv", DataFormat.CSV, "label", true))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("huge.csv")
        .hasMessageContaining("maximum");
  }

  @Test
  void lineReaderHandlesEveryLineEnding() throws Exception {
    LineReader lines = new LineReader(new StringReader("a\nb\r\nc\rd"), "x");
    assertThat(lines.readLine()).isEqualTo("a");
    assertThat(lines.readLine()).isEqualTo("b");
    assertThat(lines.readLine()).isEqualTo("c");
    assertThat(lines.readLine()).isEqualTo("d");
    assertThat(lines.lineNumber()).isEqualTo(4);
    assertThat(lines.readLine()).isNull();
  }

  @Test
  void lineReaderJoinsLinesLongerThanItsBuffer() throws Exception {
    String longLine = "x".repeat(200_000);
    LineReader lines = new LineReader(new StringReader(longLine + "\r\n" + "y"), "x");
    assertThat(lines.readLine()).isEqualTo(longLine);
    assertThat(lines.readLine()).isEqualTo("y");
  }

  @Test
  void aFeatureIndexOfTwoToThe31IsRefused() {
    Reader in = new StringReader("1 2147483648:1\n");
    assertThatThrownBy(() -> DataReaders.read(in, "wide.libsvm", DataFormat.LIBSVM, null, true))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("wide.libsvm, line 1, field 2")
        .hasMessageContaining("feature index 2,147,483,648 is beyond the largest supported");
  }

  @Test
  void aLargeButValidIndexCostsNoColumnNames() {
    int largest = LibsvmDataReader.MAX_INDEX;
    DataTable t =
        DataReaders.read(
            new StringReader("1 " + largest + ":1\n"),
            "wide.libsvm",
            DataFormat.LIBSVM,
            null,
            true);
    assertThat(t.features().cols()).isEqualTo(largest);
    assertThat(t.featureNames()).hasSize(largest);
    assertThat(t.featureNames().get(largest - 1)).isEqualTo(Integer.toString(largest));
  }

  @Test
  void readerKeepsWorkingOnCharBuffers() throws Exception {
    // A Reader that returns fewer characters than asked for, as decoders do.
    Reader trickle =
        new Reader() {
          private final CharBuffer text = CharBuffer.wrap("1 1:2\n0 2:3\n");

          @Override
          public int read(char[] cbuf, int off, int len) {
            if (!text.hasRemaining()) {
              return -1;
            }
            cbuf[off] = text.get();
            return 1;
          }

          @Override
          public void close() {}
        };
    DataTable t = DataReaders.read(trickle, "t.libsvm", DataFormat.LIBSVM, null, true);
    assertThat(t.features().rows()).isEqualTo(2);
    assertThat(t.lines()).containsExactly(1, 2);
  }
}
