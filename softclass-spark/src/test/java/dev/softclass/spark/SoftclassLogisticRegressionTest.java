package dev.softclass.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.Model;
import dev.softclass.train.ProgressListener;
import dev.softclass.train.Trainer;
import dev.softclass.train.TrainingSettings;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Spark-trained logistic regression against the single-machine trainer with the same settings, on
 * dense digits and on sparse hashed word counts: log loss within 1e-4, at least 99.9 % equal
 * predictions.
 */
class SoftclassLogisticRegressionTest {
  /** Both trainers run this many L-BFGS iterations (the same path up to rounding). */
  private static final int ITERATIONS = 60;

  private final SparkSession spark = SparkTestSession.get();

  @Test
  void softmaxWithL2MatchesTheSingleMachineModelOnDigits() {
    compare(TestData.digits("train.csv"), TestData.digits("test.csv"), 1e-3, 0, "auto");
  }

  @Test
  void elasticNetMatchesTheSingleMachineModelOnDigits() {
    compare(TestData.digits("train.csv"), TestData.digits("test.csv"), 2e-3, 0.5, "auto");
  }

  @Test
  void sparseSoftmaxMatchesTheSingleMachineModelOnHashedWords() {
    compare(TestData.udhr(false, 4), TestData.udhr(true, 4), 1e-3, 0, "auto");
  }

  @Test
  void binarySigmoidMatchesTheSingleMachineModel() {
    TestData.Table train = TestData.digits("train.csv");
    TestData.Table test = TestData.digits("test.csv");
    compare(binary(train), binary(test), 1e-3, 0, "sigmoid");
  }

  @Test
  void trainingIsDeterministicForAPartitioning() {
    TestData.Table train = TestData.udhr(false, 4);
    SoftclassLogisticRegression lr = estimator(1e-3, 0.3, 30);
    Model a = lr.fit(train.toFrame(spark, 3)).model();
    Model b = lr.fit(train.toFrame(spark, 3)).model();
    assertThat(a.outputLayer().weights()).isEqualTo(b.outputLayer().weights());
    assertThat(a.outputLayer().bias()).isEqualTo(b.outputLayer().bias());
  }

  private static TestData.Table binary(TestData.Table t) {
    int[] y = new int[t.y().length];
    for (int i = 0; i < y.length; i++) {
      y[i] = t.y()[i] < 5 ? 0 : 1;
    }
    return new TestData.Table(t.x(), y, t.features());
  }

  private static SoftclassLogisticRegression estimator(double reg, double alpha, int maxIter) {
    SoftclassLogisticRegression lr = new SoftclassLogisticRegression();
    lr.setRegParam(reg).setMaxIter(maxIter);
    lr.setElasticNetParam(alpha).setTol(1e-6);
    return lr;
  }

  private void compare(
      TestData.Table train, TestData.Table test, double reg, double alpha, String family) {
    SoftclassLogisticRegression lr = estimator(reg, alpha, ITERATIONS);
    lr.setFamily(family);
    SoftclassClassificationModel sparkModel = lr.fit(train.toFrame(spark, 3));

    TrainingSettings settings =
        TrainingSettings.defaults().toBuilder()
            .l2(reg * (1 - alpha))
            .l1(reg * alpha)
            .maxIterations(ITERATIONS)
            .tolerance(1e-6)
            .threads(1)
            .head(
                family.equals("sigmoid")
                    ? dev.softclass.head.HeadType.SIGMOID
                    : dev.softclass.head.HeadType.AUTO)
            .build();
    Model local = Trainer.fit(settings, train.toCore(), ProgressListener.NONE);
    assertThat(sparkModel.model().transform().mode()).isEqualTo(local.transform().mode());

    List<Row> scored =
        sparkModel
            .transform(test.toFrame(spark, 2))
            .select("probability", "prediction")
            .collectAsList();
    double[][] localProbs = local.predictProba(test.toCore());
    double sparkLoss = 0;
    double localLoss = 0;
    int same = 0;
    for (int r = 0; r < scored.size(); r++) {
      double[] p = ((Vector) scored.get(r).get(0)).toArray();
      assertThat(java.util.Arrays.stream(p).sum())
          .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
      int y = test.y()[r];
      sparkLoss -= Math.log(Math.max(p[y], 1e-15));
      localLoss -= Math.log(Math.max(localProbs[r][y], 1e-15));
      if ((int) scored.get(r).getDouble(1) == Model.argmax(localProbs[r])) {
        same++;
      }
    }
    sparkLoss /= scored.size();
    localLoss /= scored.size();
    assertThat(sparkLoss).isCloseTo(localLoss, org.assertj.core.api.Assertions.within(1e-4));
    assertThat((double) same / scored.size()).isGreaterThanOrEqualTo(0.999);
    assertThat(sparkLoss).isLessThan(family.equals("sigmoid") ? 0.4 : 0.5);
  }
}
