package dev.softclass;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.softclass.balance.BalanceSettings;
import dev.softclass.balance.ClassWeights;
import dev.softclass.balance.ResampleMethod;
import dev.softclass.data.DataFormat;
import dev.softclass.data.DataReaders;
import dev.softclass.data.Dataset;
import dev.softclass.head.OutputLayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Class weights against scikit-learn's {@code LogisticRegression(class_weight='balanced')} on glass
 * (6 classes, the rarest 4 %) and pima_diabetes (binary, 35 % positive); made by {@code
 * src/test/resources/reference/make_balanced_reference.py}.
 */
class GoldenBalancedTest {
  private static JsonNode reference() throws IOException {
    try (InputStream in = resource("reference/sklearn_balanced.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"glass", "pima_diabetes"})
  void balancedClassWeightsMatchScikitLearn(String name) throws IOException {
    JsonNode root = reference();
    JsonNode ref = root.path("datasets").path(name);
    Dataset data;
    try (Reader r =
        new InputStreamReader(
            resource("datasets/" + name + "/" + name + ".csv"), StandardCharsets.UTF_8)) {
      data = DataReaders.read(r, name, DataFormat.CSV, "label", true).toDataset();
    }
    double[] weights = ClassWeights.balanced(data.classCounts());
    for (int c = 0; c < weights.length; c++) {
      assertThat(weights[c]).isCloseTo(ref.path("class_weights").get(c).asDouble(), within(1e-12));
    }

    Model model =
        Classifier.logistic()
            .l2(root.path("l2").asDouble())
            .convergence(5000, 1e-9)
            .threads(1)
            .balance(new BalanceSettings(ClassWeights.BALANCED, ResampleMethod.NONE, 5))
            .fit(data);

    assertThat(model.classes()).containsExactlyElementsOf(strings(ref.path("classes")));
    double objective = ((Number) model.info().training().get("objective")).doubleValue();
    JsonNode optimum = ref.path("optimum");
    // Softclass reads the features as float32 (glass's refractive index keeps ~7 digits), so its
    // problem differs from scikit-learn's float64 one by about 1e-7 relative.
    assertThat(objective).isCloseTo(optimum.path("objective").asDouble(), within(1e-6));
    OutputLayer layer = model.outputLayer();
    for (int k = 0; k < layer.outputs(); k++) {
      assertThat((double) layer.bias(k))
          .isCloseTo(optimum.path("intercept").get(k).asDouble(), within(2e-4));
      for (int j = 0; j < layer.inputs(); j++) {
        assertThat((double) layer.weight(k, j))
            .as("class %d feature %d", k, j)
            .isCloseTo(optimum.path("coef").get(k).get(j).asDouble(), within(2e-4))
            .isCloseTo(ref.path("sklearn").path("coef").get(k).get(j).asDouble(), within(1e-3));
      }
    }
  }

  private static java.util.List<String> strings(JsonNode array) {
    java.util.List<String> out = new java.util.ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static InputStream resource(String name) {
    return GoldenBalancedTest.class.getResourceAsStream("/" + name);
  }
}
