package dev.softclass.text;

import dev.softclass.SoftclassException;
import java.util.Locale;

/** The heads a text model can train, by their fastText {@code -loss} names. */
public enum LossType {
  /** Full softmax ({@code FullSoftmaxHead}). */
  SOFTMAX("softmax"),
  /** Sampled softmax with the log-Q correction ({@code SampledSoftmaxHead}). */
  SAMPLED("sampled"),
  /** Negative sampling ({@code NegativeSamplingHead}). */
  NS("ns"),
  /** Hierarchical softmax ({@code HierarchicalSoftmaxHead}). */
  HS("hs"),
  /** One-vs-all sigmoids ({@code OneVsAllHead}). */
  OVA("ova");

  private final String id;

  LossType(String id) {
    this.id = id;
  }

  /** The name given to {@code --loss} and written in model files. */
  public String id() {
    return id;
  }

  /**
   * Parses a {@code --loss} value.
   *
   * @throws SoftclassException naming the accepted values
   */
  public static LossType parse(String name) {
    for (LossType t : values()) {
      if (t.id.equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new SoftclassException(
        "unknown --loss '" + name + "': expected softmax, sampled, ns, hs or ova");
  }
}
