package dev.softclass.data;

import java.util.List;

/**
 * Labelled (or unlabelled) text read from a fastText-format file: the text of each non-blank line
 * with its {@code __label__} tokens removed, and the label set of each line. Immutable.
 *
 * @param source the file name, for messages
 * @param texts the text of each example, labels removed
 * @param lines the 1-based line number of each example in the file
 * @param encoder the label names, sorted as {@link LabelEncoder#fit} sorts them
 * @param labels the label set of each example (empty sets when the file has no labels)
 */
public record TextData(
    String source, List<String> texts, int[] lines, LabelEncoder encoder, LabelSets labels) {
  /** Copies the text list; checks that the parts have one entry per example. */
  public TextData {
    texts = List.copyOf(texts);
    if (lines.length != texts.size() || labels.rows() != texts.size()) {
      throw new IllegalArgumentException(
          texts.size() + " texts, " + lines.length + " line numbers, " + labels.rows() + " labels");
    }
  }

  /** Number of examples. */
  public int size() {
    return texts.size();
  }

  /**
   * The single label of every example.
   *
   * @throws DataFormatException naming the first line with no label or several labels
   */
  public int[] singleLabels() {
    int[] y = new int[size()];
    for (int r = 0; r < size(); r++) {
      int count = labels.count(r);
      if (count != 1) {
        throw new DataFormatException(
            source,
            lines[r],
            null,
            count == 0
                ? "no __label__ token: every training or test line needs one"
                : count
                    + " labels "
                    + labelNames(r)
                    + ": this model type learns one label per line (for several, use a"
                    + " multi-label model)");
      }
      y[r] = labels.flatLabels()[labels.offsets()[r]];
    }
    return y;
  }

  private List<String> labelNames(int r) {
    return java.util.Arrays.stream(labels.labels(r)).mapToObj(encoder::name).toList();
  }
}
