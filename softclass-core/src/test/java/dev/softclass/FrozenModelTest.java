package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;

import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Model files of every released format version must keep loading and predicting the same, bit for
 * bit. {@code src/test/resources/models/} holds one file per version and its expected
 * probabilities; {@link #freeze()} made them (run it with {@code -Dsoftclass.freeze=true} only when
 * a new format version is introduced, and keep the old files).
 */
class FrozenModelTest {
  private static final String[] VERSIONS = {"v1"};

  @Test
  void everyFrozenModelPredictsExactlyAsWhenItWasSaved() throws Exception {
    Dataset test = irisTest();
    for (String version : VERSIONS) {
      Model model = Model.load(resource("models/iris-" + version + ".softclass"));
      List<String> expected = Files.readAllLines(resource("models/iris-" + version + ".expected"));
      assertThat(lines(model.predictProba(test))).as(version).isEqualTo(expected);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "softclass.freeze", matches = "true")
  void freeze() throws Exception {
    Dataset train =
        DataReaders.read(resource("datasets/iris/train.csv"), DataFormat.CSV, "label", true)
            .toDataset();
    Model model = Classifier.logistic().l2(1e-3).fit(train);
    Path dir = Path.of("src/test/resources/models");
    String version = "v" + dev.softclass.io.ModelFile.FORMAT_VERSION;
    model.save(dir.resolve("iris-" + version + ".softclass"));
    Files.write(
        dir.resolve("iris-" + version + ".expected"), lines(model.predictProba(irisTest())));
  }

  private static Dataset irisTest() throws URISyntaxException {
    Dataset train =
        DataReaders.read(resource("datasets/iris/train.csv"), DataFormat.CSV, "label", true)
            .toDataset();
    return DataReaders.read(resource("datasets/iris/test.csv"), DataFormat.CSV, "label", true)
        .toDataset(train.encoder());
  }

  /** One line per row, each probability printed exactly (Double.toString round-trips). */
  private static List<String> lines(double[][] probs) {
    List<String> out = new ArrayList<>();
    for (double[] row : probs) {
      StringBuilder sb = new StringBuilder();
      for (double p : row) {
        sb.append(sb.length() == 0 ? "" : " ").append(p);
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static Path resource(String name) throws URISyntaxException {
    var url = FrozenModelTest.class.getResource("/" + name);
    if (url == null) {
      throw new IllegalStateException("missing test resource " + name);
    }
    return Path.of(url.toURI());
  }
}
