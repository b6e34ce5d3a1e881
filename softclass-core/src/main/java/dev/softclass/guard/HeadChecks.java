package dev.softclass.guard;

import dev.softclass.data.Dataset;
import dev.softclass.head.Head;
import dev.softclass.head.HeadType;
import dev.softclass.head.HingeHead;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;

/** Chooses a head for the data and refuses heads that cannot represent its labels. */
public final class HeadChecks {
  private HeadChecks() {}

  /**
   * The head to train on {@code data}.
   *
   * @param type the requested kind ({@code AUTO}: sigmoid for two classes, softmax for more; a
   *     {@code HINGE} head comes untrained, with the squared hinge loss)
   * @param outputs the requested output count, or 0 to match the classes
   * @throws GuardRailException for one class, a sigmoid on more than two classes, or an output
   *     count that does not match the classes
   */
  public static Head choose(HeadType type, int outputs, Dataset data) {
    int classes = data.encoder().size();
    int[] counts = data.classCounts();
    int present = 0;
    int onlyClass = -1;
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        present++;
        onlyClass = k;
      }
    }
    if (present < 2) {
      throw new GuardRailException(
          "The training data has only one class ('"
              + data.encoder().name(onlyClass)
              + "' in all "
              + data.size()
              + " rows): a classifier needs examples of at least two classes. Check the label"
              + " column (--label) and that the file is the whole training set.");
    }
    if (type == HeadType.HINGE) {
      if (outputs != 0 && outputs != (classes == 2 ? 1 : classes)) {
        throw new GuardRailException(
            "A hinge head has one decision value per class (one for two classes), not "
                + outputs
                + ". Leave --outputs out.");
      }
      return HingeHead.untrained(classes, true);
    }
    HeadType resolved =
        type == HeadType.AUTO ? (classes == 2 ? HeadType.SIGMOID : HeadType.SOFTMAX) : type;
    if (resolved == HeadType.SIGMOID) {
      if (outputs > 1) {
        throw new GuardRailException(
            "A sigmoid head has exactly one output (the probability of the second class), not "
                + outputs
                + ". Use --head softmax --outputs "
                + outputs
                + " for a softmax, or drop --outputs.");
      }
      if (classes > 2) {
        throw new GuardRailException(
            "The sigmoid head separates two classes, but the data has "
                + classes
                + " classes "
                + data.encoder().classes()
                + firstBeyond(data, 2)
                + ". Use --head softmax for one probability per class; if an example can"
                + " carry several labels at once, that is a multi-label task instead.");
      }
      return new SigmoidHead();
    }
    int k = outputs == 0 ? classes : outputs;
    if (k == 1) {
      return new SoftmaxHead(1); // refused, with the guard rail's own explanation
    }
    if (k < classes) {
      throw new GuardRailException(
          "The softmax head has "
              + k
              + " outputs but the labels need "
              + classes
              + firstBeyond(data, k)
              + ": each class needs its own output. Set --outputs "
              + classes
              + " or leave --outputs out to match the classes.");
    }
    if (k > classes) {
      throw new GuardRailException(
          "The softmax head has "
              + k
              + " outputs but the data has only "
              + classes
              + " classes "
              + data.encoder().classes()
              + ": the extra outputs would never see an example yet still take probability."
              + " Leave --outputs out to match the classes.");
    }
    return new SoftmaxHead(k);
  }

  /**
   * Names the first row whose class index is {@code limit} or more, as in {@code " (class 'c',
   * index 2, first at line 7)"}; empty when no row has one (the class was declared, not seen).
   */
  private static String firstBeyond(Dataset data, int limit) {
    for (int r = 0; r < data.size(); r++) {
      int label = data.label(r);
      if (label >= limit) {
        return " (class '"
            + data.encoder().name(label)
            + "', index "
            + label
            + ", first at "
            + data.describeRow(r)
            + ")";
      }
    }
    return "";
  }
}
