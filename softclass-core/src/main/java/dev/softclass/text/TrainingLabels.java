package dev.softclass.text;

import dev.softclass.data.DataFormatException;
import dev.softclass.data.LabelSets;
import dev.softclass.data.TextData;
import dev.softclass.guard.GuardRailException;
import dev.softclass.head.HeadScratch;
import dev.softclass.head.OneVsAllHead;
import dev.softclass.head.SgdHead;
import java.util.Arrays;
import java.util.List;

/**
 * The labels SGD trains a text model on: one class per line, or, for one-vs-all sigmoids on
 * multi-label data (some line with several {@code __label__} tokens), the set of classes of each
 * line, every one a positive, as fastText's {@code -loss ova} trains. Every other head learns one
 * label per line and is refused multi-label data with a guard-rail error. Immutable.
 */
final class TrainingLabels {
  private final int[] offsets;
  private final int[] labels;
  private final boolean multiLabel;

  private TrainingLabels(int[] offsets, int[] labels, boolean multiLabel) {
    this.offsets = offsets;
    this.labels = labels;
    this.multiLabel = multiLabel;
  }

  /**
   * The labels of {@code data} for a head trained with {@code loss}.
   *
   * @throws DataFormatException naming the first line without a label
   * @throws GuardRailException if some line has several labels and the head is not one-vs-all
   */
  static TrainingLabels of(TextData data, LossType loss) {
    LabelSets sets = data.labels();
    int several = -1;
    for (int r = 0; r < sets.rows(); r++) {
      if (sets.count(r) == 0) {
        throw new DataFormatException(
            data.source(),
            data.lines()[r],
            null,
            "no __label__ token: every training or test line needs one");
      }
      if (several < 0 && sets.count(r) > 1) {
        several = r;
      }
    }
    if (several < 0) {
      return new TrainingLabels(null, data.singleLabels(), false);
    }
    if (loss != LossType.OVA) {
      throw new GuardRailException(
          data.source()
              + " is multi-label data (line "
              + data.lines()[several]
              + " has the labels "
              + names(data, several)
              + "), but --loss "
              + loss.id()
              + " learns one label per line: "
              + (loss == LossType.NS
                  ? "negative sampling treats each line's label as the only positive"
                  : "its probabilities sum to 1 over the classes, so two labels of one line could"
                      + " never both be likely")
              + ". Use --loss ova: one independent sigmoid per class, every label of a line a"
              + " positive (fastText's -loss ova).");
    }
    return new TrainingLabels(sets.offsets(), sets.flatLabels(), true);
  }

  private static List<String> names(TextData data, int r) {
    return Arrays.stream(data.labels().labels(r)).mapToObj(data.encoder()::name).toList();
  }

  /** Whether some line has several labels (the model then chooses label sets). */
  boolean multiLabel() {
    return multiLabel;
  }

  /** Number of lines. */
  int size() {
    return multiLabel ? offsets.length - 1 : labels.length;
  }

  /** How many lines carry each class. */
  double[] counts(int numClasses) {
    double[] counts = new double[numClasses];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /**
   * The labels as arrays for a checkpoint's fingerprint: the classes of single-label data (as
   * before multi-label training existed, so older checkpoints still match), or the offsets and
   * classes of the label sets.
   */
  int[][] fingerprint() {
    return multiLabel ? new int[][] {offsets, labels} : new int[][] {labels};
  }

  /** One SGD step of {@code head} on line {@code r} ({@link SgdHead#step}). */
  double step(
      SgdHead head, float[] hidden, int r, float[] out, float lr, float[] grad, HeadScratch s) {
    return multiLabel
        ? ((OneVsAllHead) head).step(hidden, labels, offsets[r], offsets[r + 1], out, lr, grad, s)
        : head.step(hidden, labels[r], out, lr, grad, s);
  }
}
