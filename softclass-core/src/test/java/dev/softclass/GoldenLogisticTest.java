package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.DataTable;
import dev.softclass.data.Dataset;
import dev.softclass.eval.Evaluation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Softclass's logistic regression against scikit-learn's {@code LogisticRegression(lbfgs)} on the
 * same splits, scaling and regularisation. The reference figures and the script that made them are
 * in {@code src/test/resources/reference/}.
 */
class GoldenLogisticTest {

  static Stream<Arguments> fits() throws IOException {
    JsonNode root;
    try (InputStream in = resource("reference/sklearn_logistic.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<Arguments> out = new ArrayList<>();
    root.path("datasets")
        .fields()
        .forEachRemaining(
            e -> e.getValue().path("fits").forEach(fit -> out.add(Arguments.of(e.getKey(), fit))));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} l2={1}")
  @MethodSource("fits")
  void matchesScikitLearn(String dataset, JsonNode reference) throws Exception {
    Dataset train = read(dataset, "train.csv").toDataset();
    Dataset test = read(dataset, "test.csv").toDataset(train.encoder());
    double l2 = reference.path("l2").asDouble();

    Model model = Classifier.logistic().l2(l2).convergence(2000, 1e-9).fit(train);
    Evaluation eval = Evaluation.of(model, test);

    assertThat(model.classes()).containsExactlyElementsOf(strings(reference.path("classes")));
    assertThat(eval.accuracy())
        .as("accuracy within 1 point of scikit-learn")
        .isCloseTo(reference.path("test_accuracy").asDouble(), within(0.01));
    double skLogLoss = reference.path("test_log_loss").asDouble();
    assertThat(eval.logLoss())
        .as("log loss within 5%% of scikit-learn")
        .isCloseTo(skLogLoss, within(0.05 * skLogLoss));
    // Same objective, so the same optimum: the minimum found must match scipy's tight solution
    // up to the float32 rounding of the data.
    double objective = ((Number) model.info().training().get("objective")).doubleValue();
    double optimum = reference.path("optimum").path("train_objective").asDouble();
    assertThat(objective).isCloseTo(optimum, within(1e-6 * optimum));

    JsonNode expected = reference.path("optimum").path("first_test_proba");
    double[][] probs = model.predictProba(test);
    for (int r = 0; r < expected.size(); r++) {
      for (int c = 0; c < expected.get(r).size(); c++) {
        assertThat(probs[r][c]).isCloseTo(expected.get(r).get(c).asDouble(), within(1e-4));
      }
    }
  }

  private static DataTable read(String dataset, String file) throws URISyntaxException {
    Path path =
        Path.of(GoldenLogisticTest.class.getResource("/datasets/" + dataset + "/" + file).toURI());
    return DataReaders.read(path, DataFormat.CSV, "label", true);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static InputStream resource(String name) {
    return GoldenLogisticTest.class.getResourceAsStream("/" + name);
  }
}
