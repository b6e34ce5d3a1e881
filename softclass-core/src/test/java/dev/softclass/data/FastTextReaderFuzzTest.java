package dev.softclass.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.softclass.preprocess.text.TextFeatures;
import dev.softclass.preprocess.text.Tokenizer;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the fastText reader and the text features built on what it reads; the seed corpus is in
 * {@code FastTextReaderFuzzTestInputs/fuzz/}. Any bytes either fail with a {@link
 * DataFormatException} naming the input, or give examples whose texts are non-empty tokens joined
 * by single spaces, whose labels are non-empty names, and which turn into embedding rows.
 */
class FastTextReaderFuzzTest {
  @FuzzTest(maxDuration = "3s")
  void fuzz(byte[] input) {
    check(input);
  }

  /** Entry point of the standalone Jazzer driver, for long campaigns (bench/fuzz.sh). */
  public static void fuzzerTestOneInput(byte[] input) {
    check(input);
  }

  private static void check(byte[] input) {
    TextData data;
    try {
      data =
          FastTextReader.read(
              new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8),
              "fuzz-input",
              false);
    } catch (DataFormatException expected) {
      assertThat(expected.getMessage()).startsWith("fuzz-input");
      return;
    }
    assertThat(data.size()).isPositive();
    for (String text : data.texts()) {
      assertThat(text).isNotEmpty().doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
    }
    for (String label : data.encoder().classes()) {
      assertThat(label).isNotEmpty();
    }
    for (int r = 1; r < data.size(); r++) {
      assertThat(data.lines()[r]).isGreaterThan(data.lines()[r - 1]);
    }
    try {
      assertThat(data.singleLabels()).hasSize(data.size());
    } catch (DataFormatException noOrSeveralLabels) {
      assertThat(noOrSeveralLabels.getMessage()).startsWith("fuzz-input");
    }
    TextFeatures.Fitted fitted =
        TextFeatures.fitRows(data.texts(), new Tokenizer(true), 1, 1000, 2, 3, 2, 1);
    TextFeatures features = fitted.features();
    TextFeatures.Rows rows = fitted.rows();
    assertThat(rows.offsets()).hasSize(data.size() + 1);
    for (int id : rows.ids()) {
      assertThat(id).isBetween(0, features.rows() - 1);
    }
  }
}
