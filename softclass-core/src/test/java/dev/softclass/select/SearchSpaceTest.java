package dev.softclass.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.softclass.SoftclassException;
import dev.softclass.train.OptimizerType;
import dev.softclass.train.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSpaceTest {
  @TempDir Path dir;
  private final TrainingSettings base = TrainingSettings.defaults();

  @Test
  void cliSyntaxGivesTheGridInOrderLastDimensionFastest() {
    SearchSpace space = SearchSpace.parse("l2=1e-4..1e1:log:6,lr=0.01|0.1");
    assertThat(space.gridSize()).isEqualTo(12);
    List<TrainingSettings> grid = space.grid(base);
    assertThat(grid).hasSize(12);
    double[] l2 = {1e-4, 1e-3, 1e-2, 1e-1, 1, 10};
    for (int i = 0; i < 12; i++) {
      assertThat(grid.get(i).l2()).isCloseTo(l2[i / 2], within(l2[i / 2] * 1e-12));
      assertThat(grid.get(i).learningRate()).isEqualTo(i % 2 == 0 ? 0.01 : 0.1);
    }
    // Ends are exact, not exp(log(x)).
    assertThat(grid.get(0).l2()).isEqualTo(1e-4);
    assertThat(grid.get(11).l2()).isEqualTo(10.0);
  }

  @Test
  void linearRangesIntegerRoundingAndStringSettings() {
    List<TrainingSettings> grid =
        SearchSpace.parse("batch_size=1..100:log:3,optimizer=sgd,epochs=2..10:lin:3").grid(base);
    assertThat(grid)
        .extracting(TrainingSettings::batchSize)
        .containsExactly(1, 1, 1, 10, 10, 10, 100, 100, 100);
    assertThat(grid)
        .extracting(TrainingSettings::epochs)
        .containsExactly(2, 6, 10, 2, 6, 10, 2, 6, 10);
    assertThat(grid).allMatch(s -> s.optimizer() == OptimizerType.SGD);
  }

  @Test
  void jsonAndYamlFilesDescribeTheSameSpaceAsTheCliSyntax() throws Exception {
    Path json = dir.resolve("space.json");
    Files.writeString(
        json,
        "{\"l2\": {\"min\": 1e-4, \"max\": 10, \"scale\": \"log\", \"num\": 4},"
            + " \"lr\": [0.01, 0.1], \"optimizer\": \"sgd\"}");
    Path yaml = dir.resolve("space.yaml");
    Files.writeString(yaml, "l2: 1e-4..10:log:4\nlr: [0.01, 0.1]\noptimizer: sgd\n");
    List<TrainingSettings> cli =
        SearchSpace.parse("l2=1e-4..10:log:4,lr=0.01|0.1,optimizer=sgd").grid(base);
    assertThat(SearchSpace.read(json).grid(base)).isEqualTo(cli);
    assertThat(SearchSpace.read(yaml).grid(base)).isEqualTo(cli);
  }

  @Test
  void randomSearchStaysInTheRangeAndRepeatsWithTheSeed() {
    SearchSpace space = SearchSpace.parse("l2=1e-6..1:log,lr=0.01|0.1|1");
    List<TrainingSettings> a = space.random(base, 50, 7);
    assertThat(a).hasSize(50);
    assertThat(a).allMatch(s -> s.l2() >= 1e-6 && s.l2() <= 1);
    assertThat(a).extracting(TrainingSettings::learningRate).containsOnly(0.01, 0.1, 1.0);
    // Log-uniform: about half the draws below the geometric middle 1e-3.
    long below = a.stream().filter(s -> s.l2() < 1e-3).count();
    assertThat(below).isBetween(15L, 35L);
    assertThat(space.random(base, 50, 7)).isEqualTo(a);
    assertThat(space.random(base, 50, 8)).isNotEqualTo(a);
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> SearchSpace.parse("l3=1|2"))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("'l3' is not a training setting");
    assertThatThrownBy(() -> SearchSpace.parse("l2=1e-4..1e1:cubic:8"))
        .hasMessageContaining("log or lin");
    assertThatThrownBy(() -> SearchSpace.parse("l2=0..1:log:3")).hasMessageContaining("ends > 0");
    assertThatThrownBy(() -> SearchSpace.parse("l2")).hasMessageContaining("name=values");
    assertThatThrownBy(() -> SearchSpace.parse("l2=a|b").grid(base))
        .hasMessageContaining("'l2' takes a number");
    assertThatThrownBy(() -> SearchSpace.parse("l2=-1").grid(base))
        .hasMessageContaining("--l2 must be");
    assertThatThrownBy(() -> SearchSpace.parse("l2=1,l2=2")).hasMessageContaining("twice");
  }

  @Test
  void badFilesNameTheFileAndLine() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"l2\": [1e-4,\n 1e-3,,]}");
    assertThatThrownBy(() -> SearchSpace.read(bad))
        .isInstanceOf(SoftclassException.class)
        .hasMessageContaining("bad.json")
        .hasMessageContaining("line 2");
    Path range = dir.resolve("range.yml");
    Files.writeString(range, "l2: {min: 1}\n");
    assertThatThrownBy(() -> SearchSpace.read(range))
        .hasMessageContaining("range.yml: 'l2' needs numeric \"min\" and \"max\"");
  }
}
