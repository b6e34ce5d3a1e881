package dev.softclass;

import dev.softclass.body.Activation;
import dev.softclass.data.Dataset;
import dev.softclass.head.HeadType;
import dev.softclass.train.OptimizerType;
import java.util.List;
import org.junit.jupiter.api.Nested;

/**
 * MLP bodies with every single-label head, dense and sparse, keep the {@link ClassifierContract}.
 */
class MlpContractTest {

  @Nested
  class SoftmaxMlpDense extends ClassifierContract {
    @Override
    Classifier classifier() {
      return Classifier.mlp(16, 8).dropout(0.1).sgd(3, 32, 0.01);
    }

    @Override
    Dataset data() {
      return blobs(11, 600, 5, List.of("a", "b", "c"));
    }
  }

  @Nested
  class SigmoidMlpDense extends ClassifierContract {
    @Override
    Classifier classifier() {
      return Classifier.mlp(8).activation(Activation.TANH).head(HeadType.SIGMOID).sgd(3, 16, 0.01);
    }

    @Override
    Dataset data() {
      return blobs(12, 400, 4, List.of("no", "yes"));
    }
  }

  @Nested
  class SoftmaxMlpSparseSgd extends ClassifierContract {
    @Override
    Classifier classifier() {
      return Classifier.mlp(12)
          .activation(Activation.GELU)
          .optimizer(OptimizerType.SGD)
          .momentum(0.9, true)
          .sgd(2, 32, 0.01);
    }

    @Override
    Dataset data() {
      return LogisticContractTest.sparse(13, 600, 30, 3);
    }
  }

  @Nested
  class LinearAdamSparse extends ClassifierContract {
    @Override
    Classifier classifier() {
      return Classifier.logistic().optimizer(OptimizerType.ADAM).sgd(2, 32, 0.01);
    }

    @Override
    Dataset data() {
      return LogisticContractTest.sparse(14, 500, 30, 2);
    }
  }
}
