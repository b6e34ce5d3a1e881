package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.SoftclassException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataFormatTest {
  @ParameterizedTest
  @CsvSource({
    "train.csv, CSV",
    "train.csv.gz, CSV",
    "TRAIN.CSV, CSV",
    "dir/Train.Csv.GZ, CSV",
    "a9a.libsvm, LIBSVM",
    "a9a.libsvm.gz, LIBSVM",
    "news.svm, LIBSVM",
    "news.svm.gz, LIBSVM",
    "news.svmlight, LIBSVM"
  })
  void detectsFormatFromExtension(String name, DataFormat expected) {
    assertThat(DataFormat.detect(Path.of(name))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"data.parquet", "data.gz", "data", "csv", "data.csv.bz2"})
  void unknownExtensionIsAnErrorSuggestingFormat(String name) {
    assertThatThrownBy(() -> DataFormat.detect(Path.of(name)))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining(name)
        .hasMessageContaining("--format csv")
        .hasMessageContaining("--format libsvm");
  }

  @ParameterizedTest
  @CsvSource({"csv, CSV", "CSV, CSV", "libsvm, LIBSVM", "svm, LIBSVM", "SVMlight, LIBSVM"})
  void parsesFormatNames(String name, DataFormat expected) {
    assertThat(DataFormat.parse(name)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tsv", "json", ""})
  void unknownFormatNameIsAnError(String name) {
    assertThatThrownBy(() -> DataFormat.parse(name))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("unknown data format '" + name + "'");
  }
}
