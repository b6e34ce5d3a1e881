package dev.softclass;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.Dataset;
import dev.softclass.data.LabelEncoder;
import dev.softclass.head.HeadType;
import dev.softclass.train.OptimizerType;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;

/** Every linear body x head x optimiser combination keeps the {@link ClassifierContract}. */
class LogisticContractTest {

  @Nested
  class SoftmaxLbfgsDense extends ClassifierContract {
    @Override
    Classifier classifier() {
      return Classifier.logistic().l2(1e-3);
    }

    @Override
    Dataset data() {
      // More rows than one shard, so several threads really split the work.
      return blobs(1, 9000, 5, List.of("a", "b", "c"));
    }
  }

  @Nested
  class SigmoidLbfgsDense extends ClassifierContract {
    @Override
    Classifier classifier() {
      return Classifier.logistic().head(HeadType.SIGMOID);
    }

    @Override
    Dataset data() {
      return blobs(2, 400, 4, List.of("no", "yes"));
    }
  }

  @Nested
  class TwoOutputSoftmaxLbfgsDense extends ClassifierContract {
    @Override
    Classifier classifier() {
      return Classifier.logistic().head(HeadType.SOFTMAX);
    }

    @Override
    Dataset data() {
      return blobs(3, 400, 4, List.of("no", "yes"));
    }
  }

  @Nested
  class SoftmaxSgdDense extends ClassifierContract {
    @Override
    Classifier classifier() {
      return Classifier.logistic().optimizer(OptimizerType.SGD).sgd(3, 16, 0.05);
    }

    @Override
    Dataset data() {
      return blobs(4, 600, 6, List.of("a", "b", "c", "d"));
    }
  }

  @Nested
  class SoftmaxLbfgsSparse extends ClassifierContract {
    @Override
    Classifier classifier() {
      return Classifier.logistic();
    }

    @Override
    Dataset data() {
      return sparse(5, 9000, 40, 3);
    }
  }

  @Nested
  class SigmoidSgdSparse extends ClassifierContract {
    @Override
    Classifier classifier() {
      return Classifier.logistic().optimizer(OptimizerType.SGD).sgd(4, 8, 0.1);
    }

    @Override
    Dataset data() {
      return sparse(6, 500, 30, 2);
    }
  }

  /** Sparse rows whose class shows in which features are present. */
  static Dataset sparse(long seed, int n, int d, int k) {
    Random random = new Random(seed);
    int[] ptr = new int[n + 1];
    int[] idx = new int[n * d];
    float[] val = new float[n * d];
    int[] y = new int[n];
    int nnz = 0;
    for (int r = 0; r < n; r++) {
      y[r] = r % k;
      for (int c = 0; c < d; c++) {
        double p = c % k == y[r] ? 0.5 : 0.15;
        if (random.nextDouble() < p) {
          idx[nnz] = c;
          val[nnz++] = 1 + random.nextInt(4);
        }
      }
      ptr[r + 1] = nnz;
    }
    List<String> names = k == 2 ? List.of("neg", "pos") : List.of("x", "y", "z").subList(0, k);
    return new Dataset(
        new CsrMatrix(ptr, java.util.Arrays.copyOf(idx, nnz), java.util.Arrays.copyOf(val, nnz), d),
        y,
        LabelEncoder.ofClasses(names),
        null,
        "sparse",
        null,
        false);
  }
}
