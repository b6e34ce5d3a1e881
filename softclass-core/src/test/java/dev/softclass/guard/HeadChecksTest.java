package dev.softclass.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.data.Dataset;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.LabelEncoder;
import dev.softclass.head.Head;
import dev.softclass.head.HeadType;
import dev.softclass.head.SigmoidHead;
import dev.softclass.head.SoftmaxHead;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadChecksTest {
  private static Dataset labelled(String... labels) {
    double[][] x = new double[labels.length][];
    for (int r = 0; r < labels.length; r++) {
      x[r] = new double[] {r, -r};
    }
    return Dataset.of(x, labels);
  }

  @Test
  void autoPicksSigmoidForTwoClassesAndSoftmaxForMore() {
    assertThat(HeadChecks.choose(HeadType.AUTO, 0, labelled("n", "y", "n")))
        .isEqualTo(new SigmoidHead());
    assertThat(HeadChecks.choose(HeadType.AUTO, 0, labelled("a", "b", "c", "a")))
        .isEqualTo(new SoftmaxHead(3));
  }

  @Test
  void explicitHeadsWithMatchingOutputs() {
    Dataset binary = labelled("n", "y");
    assertThat(HeadChecks.choose(HeadType.SOFTMAX, 0, binary)).isEqualTo(new SoftmaxHead(2));
    assertThat(HeadChecks.choose(HeadType.SOFTMAX, 2, binary)).isEqualTo(new SoftmaxHead(2));
    assertThat(HeadChecks.choose(HeadType.SIGMOID, 1, binary)).isEqualTo(new SigmoidHead());
    Head head = HeadChecks.choose(HeadType.SOFTMAX, 3, labelled("a", "b", "c"));
    assertThat(head.numOutputs()).isEqualTo(3);
  }

  @Test
  void singleClassIsRefused() {
    Dataset data = labelled("spam", "spam", "spam");

    assertThatThrownBy(() -> HeadChecks.choose(HeadType.AUTO, 0, data))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("only one class ('spam' in all 3 rows)")
        .hasMessageContaining("at least two classes");
  }

  @Test
  void encoderWithTwoClassesButOnlyOnePresentIsRefused() {
    Dataset data =
        new Dataset(
            new DenseMatrix(new float[] {1, 2, 3}, 3, 1),
            new int[] {1, 1, 1},
            LabelEncoder.ofClasses(List.of("ham", "spam")),
            null,
            null,
            null,
            false);

    assertThatThrownBy(() -> HeadChecks.choose(HeadType.SOFTMAX, 0, data))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("only one class ('spam' in all 3 rows)");
  }

  @Test
  void sigmoidOnThreeClassesNamesTheThirdClassAndItsRow() {
    Dataset data = labelled("a", "b", "a", "b", "c", "a");

    assertThatThrownBy(() -> HeadChecks.choose(HeadType.SIGMOID, 0, data))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("3 classes [a, b, c]")
        .hasMessageContaining("'c'")
        .hasMessageContaining("row 4")
        .hasMessageContaining("--head softmax");
  }

  @Test
  void sigmoidOnThreeClassesPointsAtTheFileLine() {
    Dataset base = labelled("a", "b", "c");
    Dataset fromFile =
        new Dataset(
            base.features(),
            base.labels(),
            base.encoder(),
            null,
            "train.csv",
            new long[] {2, 3, 9},
            false);

    assertThatThrownBy(() -> HeadChecks.choose(HeadType.SIGMOID, 0, fromFile))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("train.csv, line 9");
  }

  @Test
  void sigmoidWithSeveralOutputsIsRefused() {
    assertThatThrownBy(() -> HeadChecks.choose(HeadType.SIGMOID, 2, labelled("n", "y")))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("exactly one output")
        .hasMessageContaining("--head softmax --outputs 2");
  }

  @Test
  void softmaxWithTooFewOutputsNamesTheFirstClassBeyondThem() {
    Dataset data = labelled("a", "b", "a", "c", "d");

    assertThatThrownBy(() -> HeadChecks.choose(HeadType.SOFTMAX, 3, data))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("3 outputs but the labels need 4")
        .hasMessageContaining("class 'd', index 3, first at row 4")
        .hasMessageContaining("each class needs its own output")
        .hasMessageContaining("--outputs 4");
  }

  @Test
  void softmaxWithTooManyOutputsIsRefused() {
    Dataset data = labelled("a", "b", "c");

    assertThatThrownBy(() -> HeadChecks.choose(HeadType.SOFTMAX, 5, data))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("5 outputs but the data has only 3 classes [a, b, c]")
        .hasMessageContaining("never see an example");
  }

  @Test
  void softmaxWithOneOutputIsAGuardRail() {
    assertThatThrownBy(() -> HeadChecks.choose(HeadType.SOFTMAX, 1, labelled("n", "y")))
        .isInstanceOf(GuardRailException.class)
        .hasMessageContaining("--outputs 2");
  }
}
