package dev.softclass.bench.page;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The true class index of every test row of a split prepared by the anchors harness, read from its
 * {@code test.libsvm} (the label is the first token, an index into {@code labels.txt}) or, for
 * dense splits without one, the {@code label} column of {@code test.csv}.
 */
final class SplitLabels {
  private SplitLabels() {}

  /**
   * @return one class index per test row, or null if the split holds neither file or a row has
   *     several labels (multi-label splits have no single true class)
   */
  static int[] read(Path split) throws IOException {
    Path libsvm = split.resolve("test.libsvm");
    Path csv = split.resolve("test.csv");
    if (Files.exists(libsvm)) {
      return firstTokens(libsvm, false);
    }
    return Files.exists(csv) ? firstTokens(csv, true) : null;
  }

  private static int[] firstTokens(Path file, boolean header) throws IOException {
    List<Integer> labels = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line = header ? r.readLine() : null;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        int end = 0;
        while (end < line.length() && line.charAt(end) != ' ' && line.charAt(end) != ',') {
          end++;
        }
        if (end < line.length() && line.charAt(end) == ',' && !header) {
          return null;
        }
        labels.add(Integer.parseInt(line.substring(0, end)));
      }
    }
    return labels.stream().mapToInt(Integer::intValue).toArray();
  }
}
