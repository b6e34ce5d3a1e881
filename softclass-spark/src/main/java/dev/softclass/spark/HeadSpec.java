package dev.softclass.spark;

import dev.softclass.head.Head;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import java.io.Serializable;

/**
 * A head as tasks receive it (the heads themselves are not serializable).
 *
 * @param name the head's name: {@code sigmoid}, {@code softmax} or {@code independent_sigmoid}
 * @param outputs its logit count
 */
record HeadSpec(String name, int outputs) implements Serializable {
  static HeadSpec of(Head head) {
    return new HeadSpec(head.name(), head.numOutputs());
  }

  Head head() {
    return switch (name) {
      case "sigmoid" -> new SigmoidHead();
      case IndependentSigmoidHead.NAME -> new IndependentSigmoidHead(outputs);
      default -> new SoftmaxHead(outputs);
    };
  }
}
