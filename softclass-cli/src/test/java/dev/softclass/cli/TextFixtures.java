package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * For the CLI tests of text models: a tiny language-identification data set in fastText format
 * (English, German, French: eight words each), and text models trained through the CLI.
 */
final class TextFixtures {
  private static final String[][] WORDS = {
    {"en", "the", "and", "of", "human", "rights", "freedom", "everyone", "shall"},
    {"de", "der", "und", "die", "menschen", "rechte", "freiheit", "jeder", "hat"},
    {"fr", "le", "et", "les", "droits", "homme", "liberté", "toute", "personne"}
  };

  private TextFixtures() {}

  /**
   * Writes {@code rounds} lines per language to {@code file}: line {@code i} takes {@code words}
   * words of its language, word {@code j} being number {@code (i * step + j * 3 + shift) mod 8};
   * with {@code mixed}, every fourth line also has a word of another language, so that a model is
   * sometimes unsure.
   */
  static Path languages(Path file, int rounds, int words, int step, int shift, boolean mixed)
      throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      for (String[] lang : WORDS) {
        StringBuilder sb = new StringBuilder("__label__" + lang[0]);
        for (int j = 0; j < words; j++) {
          sb.append(' ').append(lang[1 + (i * step + j * 3 + shift) % (lang.length - 1)]);
        }
        if (mixed && i % 4 == 0) {
          String[] other = WORDS[(i / 4) % 3];
          sb.append(' ').append(other[1 + i % (other.length - 1)]);
        }
        lines.add(sb.toString());
      }
    }
    Files.write(file, lines);
    return file;
  }

  /** {@code rounds} lines per language of five words each, without mixed lines. */
  static Path languages(Path file, int rounds) throws IOException {
    return languages(file, rounds, 5, 7, 0, false);
  }

  /**
   * Runs {@code softclass train --format fasttext --model-type text} on {@code data} into {@code
   * model} with {@code options}.
   */
  static CliRunner.Result train(Path data, Path model, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "train",
                "--format",
                "fasttext",
                "--model-type",
                "text",
                "--data",
                data.toString(),
                "--model",
                model.toString()));
    args.addAll(List.of(options));
    return CliRunner.run(args.toArray(String[]::new));
  }

  /**
   * Trains a text model as {@link #train} does and checks that it succeeded.
   *
   * @return {@code model}
   */
  static Path trainTextModel(Path data, Path model, String... options) {
    CliRunner.Result r = train(data, model, options);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return model;
  }
}
