package dev.softclass.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.balance.BalanceSettings;
import dev.softclass.balance.ClassWeights;
import dev.softclass.balance.ResampleMethod;
import dev.softclass.body.MlpBody;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import dev.softclass.select.StratifiedSplit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Networks and the network optimisers take the column pipeline and class balancing. */
class NetworkPipelineTest {
  @TempDir Path dir;

  private static Path resource(String name) throws Exception {
    return Path.of(NetworkPipelineTest.class.getResource("/datasets/" + name).toURI());
  }

  @Test
  void mlpTrainsAndPredictsOnACsvWithStringColumnsAndEmptyCells() throws Exception {
    Dataset train =
        DataReaders.read(resource("mixed/train.csv"), DataFormat.CSV, "label", true).toDataset();
    Dataset test =
        DataReaders.read(resource("mixed/test.csv"), DataFormat.CSV, "label", true)
            .toDataset(train.encoder());
    assertThat(train.hasMissing()).isTrue();
    Model model = Classifier.mlp(16).sgd(200, 16, 0.01).seed(3).fit(train);

    assertThat(model.body()).isInstanceOf(MlpBody.class);
    assertThat(model.columns().isIdentity()).isFalse();
    assertThat(model.featureNames()).containsExactly("size", "colour", "weight", "grade", "site");
    double[][] p = model.predictProba(test);
    for (double[] row : p) {
      assertThat(row[0] + row[1] + row[2]).isCloseTo(1.0, within(1e-9));
    }
    assertThat(Evaluation.of(model, test).accuracy()).isGreaterThan(0.6);
    Path file = dir.resolve("mlp.softclass");
    model.save(file);
    assertThat(Model.load(file).predictProba(test)).isDeepEqualTo(p);
  }

  @Test
  void classWeightsRaiseAnMlpsBalancedAccuracyOnPima() throws Exception {
    Dataset all =
        DataReaders.read(resource("pima_diabetes/pima_diabetes.csv"), DataFormat.CSV, "label", true)
            .toDataset();
    // Mean over three stratified 70/30 splits: one split of 231 rows is a noisy judge.
    double before = 0;
    double after = 0;
    for (long seed : new long[] {3, 7, 11}) {
      StratifiedSplit split = StratifiedSplit.of(all, 0.3, seed);
      Classifier mlp = Classifier.mlp(8).sgd(100, 32, 0.01).seed(5);
      Model plain = mlp.fit(split.train());
      Model weighted =
          mlp.balance(new BalanceSettings(ClassWeights.BALANCED, ResampleMethod.NONE, 5))
              .fit(split.train());
      assertThat(weighted.info().training()).containsEntry("class_weight", "balanced");
      before += Evaluation.of(plain, split.test()).balancedAccuracy() / 3;
      after += Evaluation.of(weighted, split.test()).balancedAccuracy() / 3;
    }
    assertThat(after).as("balanced accuracy %.4f -> %.4f", before, after).isGreaterThan(before);
  }

  @Test
  void adamOnALinearModelTakesResampling() throws Exception {
    Dataset all =
        DataReaders.read(resource("pima_diabetes/pima_diabetes.csv"), DataFormat.CSV, "label", true)
            .toDataset();
    Model model =
        Classifier.logistic()
            .optimizer(OptimizerType.ADAM)
            .sgd(5, 32, 0.01)
            .balance(new BalanceSettings("none", ResampleMethod.OVER, 5))
            .fit(all);
    int[] counts = all.classCounts();
    assertThat(model.info().training())
        .containsEntry("rows_resampled", 2 * Math.max(counts[0], counts[1]));
  }
}
