package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.data.Dataset;
import dev.softclass.head.OutputLayer;
import dev.softclass.train.OptimizerType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same seed gives a bit-identical model with 1, 2 or 4 threads: L-BFGS and SGD, dense and
 * sparse, binary and multi-class. The data have several shards (more than 4,096 rows) so that
 * threads really split the work.
 */
class DeterminismTest {

  static Stream<Arguments> cases() {
    Dataset dense3 = ClassifierContract.blobs(11, 9000, 6, List.of("a", "b", "c"));
    Dataset dense2 = ClassifierContract.blobs(12, 9000, 6, List.of("a", "b"));
    Dataset sparse5 = LogisticContractTest.sparse(13, 9000, 50, 3);
    Dataset sparse2 = LogisticContractTest.sparse(14, 9000, 50, 2);
    return Stream.of(OptimizerType.LBFGS, OptimizerType.SGD)
        .flatMap(
            o ->
                Stream.of(
                    Arguments.of(o, "dense, 3 classes", dense3),
                    Arguments.of(o, "dense, 2 classes", dense2),
                    Arguments.of(o, "sparse, 3 classes", sparse5),
                    Arguments.of(o, "sparse, 2 classes", sparse2)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void threadCountNeverChangesTheModel(OptimizerType optimizer, String what, Dataset data) {
    Classifier base =
        Classifier.logistic().optimizer(optimizer).convergence(60, 1e-9).sgd(2, 32, 0.1).seed(3);
    OutputLayer one = base.threads(1).fit(data).outputLayer();
    assertThat(base.threads(2).fit(data).outputLayer()).isEqualTo(one);
    assertThat(base.threads(4).fit(data).outputLayer()).isEqualTo(one);
  }
}
