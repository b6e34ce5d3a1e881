package dev.softclass.bench.page;

import dev.softclass.eval.BinStrategy;
import dev.softclass.eval.ReliabilityDiagram;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Expected calibration error of a system's {@code probs.txt} (the harness's format: K probabilities
 * per line, or {@code j:p} pairs of the top classes for many classes) against the true classes: the
 * top class's probability is its confidence, binned in 15 equal-width bins as Softclass's own
 * evaluation does.
 */
final class TopClassCalibration {
  private TopClassCalibration() {}

  /** The ECE, or NaN if the file is missing or has another number of rows than {@code truth}. */
  static double ece(Path probs, int[] truth) throws IOException {
    if (truth == null || !Files.exists(probs)) {
      return Double.NaN;
    }
    double[] confidence = new double[truth.length];
    boolean[] correct = new boolean[truth.length];
    int row = 0;
    try (BufferedReader r = Files.newBufferedReader(probs, StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        if (row == truth.length) {
          return Double.NaN;
        }
        int best = -1;
        double top = -1;
        double sum = 0;
        String[] fields = line.trim().split("\\s+");
        for (int i = 0; i < fields.length; i++) {
          int colon = fields[i].indexOf(':');
          int cls = colon < 0 ? i : Integer.parseInt(fields[i].substring(0, colon));
          double p = Double.parseDouble(colon < 0 ? fields[i] : fields[i].substring(colon + 1));
          sum += p;
          if (p > top) {
            top = p;
            best = cls;
          }
        }
        // As the scorer does: a full row is renormalised (per-label sigmoid scores do not sum to
        // 1); a top-k row leaves the unlisted mass to the other classes.
        boolean topK = fields[0].indexOf(':') >= 0;
        double total = topK ? Math.max(sum, 1) : sum;
        confidence[row] = total > 0 ? Math.min(1, top / total) : 0;
        correct[row] = best == truth[row];
        row++;
      }
    }
    if (row != truth.length) {
      return Double.NaN;
    }
    return ReliabilityDiagram.of(
            confidence, correct, ReliabilityDiagram.DEFAULT_BINS, BinStrategy.EQUAL_WIDTH)
        .ece();
  }
}
