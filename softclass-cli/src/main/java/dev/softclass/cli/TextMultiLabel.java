package dev.softclass.cli;

import dev.softclass.SoftclassException;
import dev.softclass.calibrate.LabelDecision;
import dev.softclass.data.FastTextReader;
import dev.softclass.data.TextData;
import dev.softclass.text.TextModel;
import dev.softclass.text.TextMultiLabelEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * {@code predict} and {@code eval} of a multi-label text model (one-vs-all sigmoids trained on
 * lines with several labels): the label set of each line, as fastText's {@code predict-prob model
 * file k threshold} prints it, and the multi-label metrics with P@k and R@k.
 */
final class TextMultiLabel {
  private TextMultiLabel() {}

  /**
   * The model's label decision with {@code --min-prob} as the threshold of every label (fastText's
   * {@code -threshold}) and {@code --k} as the most labels per line, where given.
   *
   * @throws SoftclassException if {@code k < 1} or {@code minProb} is outside [0, 1]
   */
  static LabelDecision decision(TextModel model, Integer k, Double minProb) {
    LabelDecision d = model.labelDecision().orElseThrow();
    if (k != null && k < 1) {
      throw new SoftclassException("--k must be at least 1; got " + k);
    }
    if (minProb != null && !(minProb >= 0 && minProb <= 1)) {
      throw new SoftclassException("--min-prob must be in [0, 1]; got " + minProb);
    }
    return new LabelDecision(
        minProb == null ? d.threshold() : minProb,
        minProb == null ? d.perLabel() : null,
        k == null ? d.topK() : k,
        d.atLeastOne(),
        minProb == null ? d.criterion() : Double.toString(minProb));
  }

  /**
   * One line per input line: the chosen labels, most probable first, each with its probability
   * ({@code __label__a 0.97 __label__b 0.81}); an empty line when no label is chosen.
   */
  static void writePredictions(TextModel m, TextData lines, LabelDecision decision, Writer w)
      throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String text : lines.texts()) {
      double[] p = m.predictProba(text);
      Integer[] chosen = Arrays.stream(decision.decide(p)).boxed().toArray(Integer[]::new);
      Arrays.sort(chosen, Comparator.comparingDouble((Integer c) -> -p[c]).thenComparing(c -> c));
      sb.setLength(0);
      for (int c : chosen) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(FastTextReader.LABEL_PREFIX)
            .append(m.classes().get(c))
            .append(' ')
            .append((float) p[c]);
      }
      w.write(sb.append('\n').toString());
    }
  }

  /** The metrics as a human-readable table: the multi-label table, then P@k, R@k, log loss. */
  static void print(TextMultiLabelEvaluation e, LabelDecision decision, PrintWriter out) {
    EvalCommand.printMultiLabel(e.labels(), decision, out);
    out.println();
    out.printf(
        Locale.ROOT,
        "P@%d %.4f  R@%d %.4f  (fastText's test: the %d most probable labels of each line)%n",
        e.k(),
        e.precisionAtK(),
        e.k(),
        e.recallAtK(),
        e.k());
    out.printf(
        Locale.ROOT,
        "mean per-label log loss %.4f (sigmoid scores); %d test labels unseen in training%n",
        e.labelLogLoss(),
        e.unseenLabels());
  }
}
