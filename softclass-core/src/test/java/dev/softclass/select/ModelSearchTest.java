package dev.softclass.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.Model;
import dev.softclass.data.Dataset;
import dev.softclass.train.ProgressListener;
import dev.softclass.train.TrainingSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ModelSearchTest {
  /** Two Gaussian classes 2 apart in the first of 5 features; labels are noise if asked. */
  private static Dataset gaussians(int n, boolean noiseLabels, long seed) {
    Random r = new Random(seed);
    double[][] x = new double[n][5];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 3 == 0 ? 1 : 0;
      for (int j = 0; j < 5; j++) {
        x[i][j] = r.nextGaussian();
      }
      x[i][0] += 2.0 * y[i];
      if (noiseLabels) {
        y[i] = r.nextInt(3) == 0 ? 1 : 0;
      }
    }
    return Dataset.of(x, y);
  }

  /** A grid search over {@code space} (search-space syntax) for the best log loss, 2 jobs. */
  private static SearchResult logLossGrid(String space, CrossValidation cv, Dataset data) {
    return new ModelSearch(cv, Metric.LOG_LOSS, 2)
        .grid(SearchSpace.parse(space), TrainingSettings.defaults(), data);
  }

  @Test
  void repeatedFoldsAreStratifiedDisjointAndDifferBetweenRepeats() {
    Dataset data = gaussians(90, false, 1);
    StratifiedKFold[] splits = new CrossValidation(3, 2, 5).splits(data);
    assertThat(splits).hasSize(2);
    for (StratifiedKFold k : splits) {
      Set<Integer> seen = new HashSet<>();
      for (int f = 0; f < 3; f++) {
        int[] held = k.heldOut(f);
        assertThat(held).hasSize(30);
        assertThat(IntStream.of(held).filter(r -> data.label(r) == 1).count()).isEqualTo(10);
        for (int r : held) {
          assertThat(seen.add(r)).isTrue();
        }
        assertThat(k.training(f)).doesNotContain(held).hasSize(60);
      }
      assertThat(seen).hasSize(90);
    }
    assertThat(splits[0].foldOf()).isNotEqualTo(splits[1].foldOf());
  }

  @Test
  void onNoiseLabelsTheStrongestRegularisationWinsOnLogLoss() {
    // Labels independent of the features: the best log loss is the class prior's, which only
    // the largest L2 (weights ~0) comes close to.
    Dataset data = gaussians(300, true, 2);
    SearchResult result = logLossGrid("l2=1e-5..1e2:log:8", new CrossValidation(5, 1, 3), data);
    assertThat(result.best()).isEqualTo(7);
    assertThat(result.bestSettings().l2()).isEqualTo(100.0);
    assertThat(result.candidates().get(7).rank()).isEqualTo(1);
  }

  @Test
  void onInformativeFeaturesTheIterationLimitThatConvergesWins() {
    Dataset data = gaussians(300, false, 3);
    SearchResult result = logLossGrid("max_iter=1|100,l2=1e-3", new CrossValidation(4, 1, 3), data);
    assertThat(result.bestSettings().maxIterations()).isEqualTo(100);
    assertThat(result.searched()).containsExactly("max_iter", "l2");
    assertThat(result.table())
        .contains("max_iter")
        .contains("log_loss (mean ± std)")
        .contains("*1");
  }

  @Test
  void meanAndStdAreTheFoldScoresAndDoNotDependOnJobs() {
    Dataset data = gaussians(200, false, 4);
    SearchSpace space = SearchSpace.parse("l2=1e-3|1e-1");
    List<TrainingSettings> candidates = space.grid(TrainingSettings.defaults());
    CrossValidation cv = new CrossValidation(4, 2, 9);
    SearchResult one =
        new ModelSearch(cv, Metric.ACCURACY, 1)
            .evaluate(space, candidates, data, ProgressListener.NONE);
    SearchResult two =
        new ModelSearch(cv, Metric.ACCURACY, 2)
            .evaluate(space, candidates, data, ProgressListener.NONE);
    for (int c = 0; c < 2; c++) {
      double[] s = one.candidates().get(c).scores();
      assertThat(s).hasSize(8).containsExactly(two.candidates().get(c).scores());
      double mean = IntStream.range(0, 8).mapToDouble(i -> s[i]).average().orElseThrow();
      double var = IntStream.range(0, 8).mapToDouble(i -> (s[i] - mean) * (s[i] - mean)).sum() / 8;
      assertThat(one.candidates().get(c).mean()).isCloseTo(mean, within(1e-12));
      assertThat(one.candidates().get(c).std()).isCloseTo(Math.sqrt(var), within(1e-12));
      assertThat(IntStream.range(0, 8).allMatch(i -> s[i] > 0.7 && s[i] <= 1.0)).isTrue();
    }
  }

  @Test
  void refitTrainsTheBestOnAllRowsAndRecordsTheSearch() {
    Dataset data = gaussians(120, false, 5);
    SearchResult result = logLossGrid("l2=1e-3|1e1", new CrossValidation(3, 1, 1), data);
    Model m = result.refit(data, 1, ProgressListener.NONE);
    assertThat(m.info().training().get("rows")).isEqualTo(120);
    assertThat(m.info().training().get("l2")).isEqualTo(1e-3);
    assertThat(m.info().metrics())
        .containsEntry("cv_metric", "log_loss")
        .containsEntry("cv_folds", 3)
        .containsEntry("cv_mean", result.candidates().get(result.best()).mean());
  }
}
