package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastTextReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void labelsAnywhereOnTheLineAreTakenOutOfTheText() throws IOException {
    TextData d =
        FastTextReader.read(
            write("a.ft.txt", "__label__pos great film\nawful  __label__neg\tplot\n"), true);

    assertThat(d.texts()).containsExactly("great film", "awful plot");
    assertThat(d.encoder().classes()).containsExactly("neg", "pos");
    assertThat(d.singleLabels()).containsExactly(1, 0);
    assertThat(d.lines()).containsExactly(1, 2);
  }

  @Test
  void severalLabelsGiveALabelSet() throws IOException {
    TextData d =
        FastTextReader.read(write("m.ft.txt", "__label__b __label__a x y\n__label__c z\n"), true);

    assertThat(d.labels().labels(0)).containsExactly(0, 1);
    assertThat(d.labels().labels(1)).containsExactly(2);
    assertThatThrownBy(d::singleLabels)
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("m.ft.txt, line 1")
        .hasMessageContaining("2 labels [a, b]");
  }

  @Test
  void blankLinesAreSkippedAndLineNumbersKept() throws IOException {
    TextData d =
        FastTextReader.read(write("b.ft.txt", "\n__label__x one\n \u00a0\n__label__y two\n"), true);

    assertThat(d.size()).isEqualTo(2);
    assertThat(d.lines()).containsExactly(2, 4);
  }

  @Test
  void aLineWithOnlyLabelsIsAnErrorNamingFileAndLine() throws IOException {
    Path file = write("only.ft.txt", "__label__x fine\n__label__y   __label__z \n");

    assertThatThrownBy(() -> FastTextReader.read(file, true))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("only.ft.txt, line 2")
        .hasMessageContaining("no text");
  }

  @Test
  void missingAndEmptyLabelsAreErrors() throws IOException {
    Path unlabelled = write("u.ft.txt", "__label__x fine\nno label here\n");
    assertThatThrownBy(() -> FastTextReader.read(unlabelled, true))
        .hasMessageContaining("u.ft.txt, line 2")
        .hasMessageContaining("no __label__");
    assertThat(FastTextReader.read(unlabelled, false).texts())
        .containsExactly("fine", "no label here");

    Path empty = write("e.ft.txt", "__label__ words\n");
    assertThatThrownBy(() -> FastTextReader.read(empty, true))
        .hasMessageContaining("e.ft.txt, line 1")
        .hasMessageContaining("empty label name");
  }

  @Test
  void readsGzipTransparently() throws IOException {
    Path file = dir.resolve("z.ft.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write("__label__x héllo wörld\n".getBytes(StandardCharsets.UTF_8));
    }

    TextData d = FastTextReader.read(file, true);

    assertThat(d.texts()).isEqualTo(List.of("héllo wörld"));
    assertThat(DataFormat.detect(file)).isEqualTo(DataFormat.FASTTEXT);
  }
}
