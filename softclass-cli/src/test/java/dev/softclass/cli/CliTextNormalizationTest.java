package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --model-type text --normalization}: the model tokenises raw text with it. */
class CliTextNormalizationTest {
  /** Accented words, composed; their decomposed spellings are the other class. */
  private static final String[] WORDS = {
    "caf\u00e9", "r\u00e9sum\u00e9", "na\u00efve", "\u00e9t\u00e9", "fa\u00e7ade", "se\u00f1or"
  };

  private static final String COMPOSED = "caf\u00e9 na\u00efve \u00e9t\u00e9";
  private static final String DECOMPOSED = Normalizer.normalize(COMPOSED, Normalizer.Form.NFD);

  @TempDir Path dir;

  /** Lines whose label says how their accented words are spelled. */
  private Path spellings() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      StringBuilder text = new StringBuilder();
      for (int j = 0; j < 3; j++) {
        text.append(' ').append(WORDS[(i + 2 * j) % WORDS.length]);
      }
      lines.add("__label__composed" + text);
      lines.add("__label__decomposed" + Normalizer.normalize(text, Normalizer.Form.NFD));
    }
    Path file = dir.resolve("spellings.ft.txt");
    Files.write(file, lines, StandardCharsets.UTF_8);
    return file;
  }

  private Path train(Path data, String name, String... options) {
    List<String> args = new ArrayList<>(List.of("--dim", "8", "--epochs", "10", "--lr", "0.5"));
    args.addAll(List.of(options));
    return TextFixtures.trainTextModel(data, dir.resolve(name), args.toArray(String[]::new));
  }

  /** {@code predict --k 2} of the composed and the decomposed text, one output line each. */
  private String[] predict(Path model) throws IOException {
    Path raw = dir.resolve("raw.txt");
    Files.writeString(raw, COMPOSED + "\n" + DECOMPOSED + "\n", StandardCharsets.UTF_8);
    CliRunner.Result r =
        CliRunner.ok("predict", "--model", model.toString(), "--data", raw.toString(), "--k", "2");
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(2);
    return lines;
  }

  @Test
  void withoutNormalisationPredictTellsTheSpellingsApartAndWithNfcItCannot() throws IOException {
    Path data = spellings();
    Path none = train(data, "none.softclass", "--normalization", "none");
    Path nfc = train(data, "nfc.softclass");

    String[] byNone = predict(none);
    assertThat(byNone[0]).startsWith("__label__composed ");
    assertThat(byNone[1]).startsWith("__label__decomposed ");
    String[] byNfc = predict(nfc);
    assertThat(byNfc[1]).isEqualTo(byNfc[0]);

    CliRunner.Result inspect = CliRunner.ok("inspect", "--model", none.toString());
    assertThat(inspect.out()).contains("normalization=none");
    assertThat(CliRunner.run("inspect", "--model", nfc.toString()).out())
        .contains("normalization=nfc");

    // A calibrated copy keeps the model's normalisation.
    Path calibrated = dir.resolve("calibrated.softclass");
    CliRunner.ok(
        "calibrate",
        "--model",
        none.toString(),
        "--data",
        data.toString(),
        "--output",
        calibrated.toString());
    assertThat(CliRunner.run("inspect", "--model", calibrated.toString()).out())
        .contains("normalization=none");
    String[] byCalibrated = predict(calibrated);
    assertThat(byCalibrated[0]).startsWith("__label__composed ");
    assertThat(byCalibrated[1]).startsWith("__label__decomposed ");
  }

  @Test
  void nfkcFoldsFullWidthLettersAtPredictionToo() throws IOException {
    Path data = dir.resolve("width.ft.txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      lines.add("__label__letters ABC abc");
      lines.add("__label__digits 123 456");
    }
    Files.write(data, lines, StandardCharsets.UTF_8);
    Path nfkc = train(data, "nfkc.softclass", "--normalization", "nfkc");

    Path raw = dir.resolve("fullwidth.txt");
    Files.writeString(raw, "\uff21\uff22\uff23\n\uff11\uff12\uff13\n", StandardCharsets.UTF_8);
    CliRunner.Result tokens =
        CliRunner.run("tokenize", "--model", nfkc.toString(), "--input", raw.toString());
    CliRunner.Result ascii =
        CliRunner.run(
            "tokenize",
            "--model",
            nfkc.toString(),
            "--input",
            Files.writeString(dir.resolve("ascii.txt"), "ABC\n123\n").toString());
    assertThat(tokens.exitCode()).as(tokens.err()).isZero();
    assertThat(tokens.out()).isEqualTo(ascii.out());
    CliRunner.Result p =
        CliRunner.run("predict", "--model", nfkc.toString(), "--data", raw.toString());
    String[] predicted = p.out().split("\n");
    assertThat(predicted).hasSize(2);
    assertThat(predicted[0]).startsWith("__label__letters ");
    assertThat(predicted[1]).startsWith("__label__digits ");
  }

  @Test
  void anUnknownValueIsPicocliClearErrorWithoutAStackTrace() throws IOException {
    CliRunner.Result bad =
        TextFixtures.train(
            spellings(), dir.resolve("x.softclass"), "--normalization", "nfd", "--dim", "8");

    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err())
        .contains(
            "Invalid value for option '--normalization'", "expected nfc, nfkc or none", "'nfd'")
        .doesNotContain("Exception", "\tat ");
    assertThat(Files.exists(dir.resolve("x.softclass"))).isFalse();

    CliRunner.Result notText =
        CliRunner.run(
            "train",
            "--data",
            spellings().toString(),
            "--model",
            dir.resolve("y.softclass").toString(),
            "--normalization",
            "none");
    assertThat(notText.exitCode()).isEqualTo(1);
    assertThat(notText.err()).contains("--normalization", "--model-type text");
  }
}
