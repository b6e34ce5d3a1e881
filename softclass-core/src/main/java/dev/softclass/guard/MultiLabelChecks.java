package dev.softclass.guard;

import dev.softclass.data.Dataset;
import dev.softclass.data.LabelSets;
import dev.softclass.head.HeadType;
import dev.softclass.head.IndependentSigmoidHead;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Checks a head against multi-label data (a label set per row) before training. */
public final class MultiLabelChecks {
  private MultiLabelChecks() {}

  /**
   * The multi-label head for {@code data}.
   *
   * @param type the requested head: {@code AUTO} or {@code SIGMOID} mean one independent sigmoid
   *     per label; {@code SOFTMAX} is refused
   * @param outputs the requested output count, or 0 for one per label
   * @param warnings receives advice that does not stop training
   * @throws GuardRailException for a softmax, an output count other than the labels', or data with
   *     no label at all
   */
  public static IndependentSigmoidHead choose(
      HeadType type, int outputs, Dataset data, Consumer<String> warnings) {
    LabelSets sets = data.labelSets();
    int labels = sets.numLabels();
    if (type == HeadType.SOFTMAX && sets.isSingleLabel()) {
      throw new GuardRailException(
          data.source()
              + " was read as multi-label data, but every row has exactly one label: to train a"
              + " softmax read it as single-label data (--task multiclass).");
    }
    if (type == HeadType.HINGE) {
      throw new GuardRailException(
          "The hinge head is a single-label SVM; "
              + data.source()
              + " was read as multi-label data: use independent sigmoids (--head auto), or read"
              + " it as single-label data (--task multiclass).");
    }
    if (type == HeadType.SOFTMAX) {
      throw new GuardRailException(
          "A softmax head cannot learn multi-label data ("
              + data.source()
              + " has rows with several labels, first at "
              + data.describeRow(firstRowWithout(sets))
              + "): a softmax makes the labels compete and sum to 1, so two labels of one"
              + " example could never both be likely. Use independent sigmoids (--head auto"
              + " with --task multilabel), one logistic regression per label.");
    }
    if (outputs != 0 && outputs != labels) {
      throw new GuardRailException(
          "A multi-label head has one output per label: the data have "
              + labels
              + " labels "
              + data.encoder().classes()
              + " but --outputs is "
              + outputs
              + ". Leave --outputs out.");
    }
    int[] counts = sets.labelCounts();
    List<String> never = new ArrayList<>();
    List<String> always = new ArrayList<>();
    for (int k = 0; k < labels; k++) {
      if (counts[k] == 0) {
        never.add(data.encoder().name(k));
      } else if (counts[k] == sets.rows()) {
        always.add(data.encoder().name(k));
      }
    }
    if (never.size() == labels) {
      throw new GuardRailException(
          data.source()
              + ": no row has any label, so there is nothing to learn. Check the label column.");
    }
    if (sets.isSingleLabel()) {
      warnings.accept(
          "every row has exactly one label: this is single-label data, and independent sigmoids"
              + " do not know that the labels exclude each other. A softmax (--task multiclass)"
              + " usually fits it better.");
    }
    if (!never.isEmpty()) {
      warnings.accept(
          "labels "
              + never
              + " are on no training row: the model will learn to never predict them");
    }
    if (!always.isEmpty()) {
      warnings.accept(
          "labels " + always + " are on every training row: the model will always predict them");
    }
    return new IndependentSigmoidHead(labels);
  }

  /** The first row whose set does not have exactly one label (0 when there is none). */
  private static int firstRowWithout(LabelSets sets) {
    for (int r = 0; r < sets.rows(); r++) {
      if (sets.count(r) != 1) {
        return r;
      }
    }
    return 0;
  }
}
