package dev.softclass.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data set bundled with the CLI for {@code softclass demo}, copied out for the CLI tests. */
final class BundledData {
  private BundledData() {}

  /**
   * Copies the bundled {@code wine.csv} (178 rows, 13 features, label column {@code label} with
   * classes class_0 to class_2) to {@code dir/wine.csv}.
   *
   * @return the copy
   */
  static Path wine(Path dir) throws IOException {
    Path wine = dir.resolve("wine.csv");
    try (InputStream in = DemoCommand.class.getResourceAsStream("wine.csv")) {
      Files.copy(in, wine);
    }
    return wine;
  }
}
