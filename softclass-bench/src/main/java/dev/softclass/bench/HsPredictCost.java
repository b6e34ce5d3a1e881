package dev.softclass.bench;

import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.head.HeadScratch;
import dev.softclass.head.HierarchicalSoftmaxHead;
import dev.softclass.text.TextModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The head's share of prediction for a trained text model: the body outputs of every test line are
 * computed first, then the head's top-1 search and its scoring of every class are each timed over
 * all lines (after two warm-up passes, best of five), so tokenising, JVM start and JIT are left
 * out. For hierarchical softmax top-1 visits about log2 K nodes and all-classes scoring K - 1. The
 * exact probability of the line's own label is timed too: it walks that leaf's path, whose mean
 * length over the test lines (the Huffman depth) is printed with it. Its cost follows the depth
 * exactly, where the best-first top-1 search also depends on how sure the model is: it opens every
 * inner node more probable than the best class, at most {@code depth / p_top1} of them (no more
 * than {@code 1 / p_top1} per level, the levels' nodes being disjoint events). For the first {@link
 * #ALL_CLASSES_LINES} lines that count is taken from every class's exact probability (an inner
 * node's probability is the sum over its leaves), with the mean top-1 probability.
 *
 * <p>Usage: {@code java -cp softclass-bench.jar dev.softclass.bench.HsPredictCost MODEL TEST}.
 * Prints: classes, lines, top-1 ns per line, all-classes ns per line, mean depth of the test
 * labels, label-probability ns per line, inner nodes the top-1 search opens per line, mean top-1
 * probability.
 */
public final class HsPredictCost {
  /** Lines whose every class is scored. */
  static final int ALL_CLASSES_LINES = 200;

  private HsPredictCost() {}

  /** Runs the measurement; see the class comment. */
  public static void main(String[] args) {
    TextModel model = TextModel.load(Path.of(args[0]));
    TextData test = FastTextReader.read(Path.of(args[1]), false);
    int dim = model.body().dim();
    float[][] hidden = new float[test.size()][dim];
    for (int r = 0; r < test.size(); r++) {
      int[] ids = model.features().features(test.texts().get(r));
      model.body().hidden(ids, 0, ids.length, hidden[r]);
    }
    HierarchicalSoftmaxHead head = (HierarchicalSoftmaxHead) model.head();
    int[] labelsOfLines = modelLabels(model, test);
    double depth = Arrays.stream(labelsOfLines).map(head::depth).average().orElse(0);
    HeadScratch scratch = head.newScratch(0);
    int[] labels = new int[1];
    double[] probs = new double[1];
    double[] all = new double[head.numClasses()];
    float[] out = model.output();
    double[] opened = openedNodes(head, hidden, out, Math.min(ALL_CLASSES_LINES, hidden.length));
    double sink = 0;
    long bestTop = Long.MAX_VALUE;
    long bestAll = Long.MAX_VALUE;
    long bestPath = Long.MAX_VALUE;
    for (int pass = 0; pass < 7; pass++) {
      long t0 = System.nanoTime();
      for (float[] h : hidden) {
        head.topK(h, out, 1, 0, labels, probs, scratch);
        sink += probs[0];
      }
      long t1 = System.nanoTime();
      int allLines = Math.min(ALL_CLASSES_LINES, hidden.length);
      for (int r = 0; r < allLines; r++) {
        head.probabilities(hidden[r], out, all, scratch);
        sink += all[0];
      }
      long t2 = System.nanoTime();
      for (int r = 0; r < hidden.length; r++) {
        sink += head.probability(hidden[r], out, labelsOfLines[r]);
      }
      long t3 = System.nanoTime();
      if (pass >= 2) {
        bestPath = Math.min(bestPath, t3 - t2);
        bestTop = Math.min(bestTop, t1 - t0);
        bestAll =
            Math.min(
                bestAll, (t2 - t1) * hidden.length / Math.min(ALL_CLASSES_LINES, hidden.length));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d %d %.0f %.0f %.2f %.0f %.1f %.3f%s%n",
        head.numClasses(),
        hidden.length,
        (double) bestTop / hidden.length,
        (double) bestAll / hidden.length,
        depth,
        (double) bestPath / hidden.length,
        opened[0],
        opened[1],
        sink > 0 ? "" : " ");
  }

  /**
   * The mean number of inner nodes more probable than the top class (what the best-first search
   * opens before it pops that leaf) and the mean top-1 probability, over the first {@code lines}.
   */
  private static double[] openedNodes(
      HierarchicalSoftmaxHead head, float[][] hidden, float[] out, int lines) {
    int k = head.numClasses();
    int[][] paths = new int[k][];
    for (int c = 0; c < k; c++) {
      paths[c] = head.pathRows(c);
    }
    double[] p = new double[k];
    double[] mass = new double[head.numRows()];
    HeadScratch scratch = head.newScratch(0);
    double nodes = 0;
    double top = 0;
    for (int r = 0; r < lines; r++) {
      head.probabilities(hidden[r], out, p, scratch);
      Arrays.fill(mass, 0);
      double best = 0;
      for (int c = 0; c < k; c++) {
        best = Math.max(best, p[c]);
        for (int row : paths[c]) {
          mass[row] += p[c];
        }
      }
      for (double m : mass) {
        nodes += m > best ? 1 : 0;
      }
      top += best;
    }
    return new double[] {nodes / lines, top / lines};
  }

  /** Each test line's label as the model's class index (the test file's own encoder differs). */
  private static int[] modelLabels(TextModel model, TextData test) {
    Map<String, Integer> index = new HashMap<>();
    for (String name : model.classes()) {
      index.put(name, index.size());
    }
    int[] testLabels = test.singleLabels();
    int[] labels = new int[testLabels.length];
    for (int r = 0; r < labels.length; r++) {
      String name = test.encoder().name(testLabels[r]);
      Integer c = index.get(name);
      if (c == null) {
        throw new IllegalArgumentException(
            test.source()
                + " line "
                + test.lines()[r]
                + ": label "
                + name
                + " is not in the model");
      }
      labels[r] = c;
    }
    return labels;
  }
}
