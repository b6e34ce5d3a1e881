package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.Classifier;
import dev.softclass.Model;
import dev.softclass.head.HeadType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hinge model (linear SVM + Platt) served over HTTP answers its own probabilities. */
class HingeModelServingTest {
  @TempDir Path dir;

  @Test
  void servesAHingeModelsPlattProbabilities() {
    Model svm = Classifier.logistic().head(HeadType.HINGE).fit(TestModels.wineData());
    svm.save(dir.resolve("svm.softclass"));
    float[] row = TestModels.wineRow();
    double[] expected = svm.predictProba(row);
    try (TestServer server =
        new TestServer(Map.of("svm", dir.resolve("svm.softclass")), TestServer.settings())) {
      TestServer.Reply r =
          server.post(
              "/v1/models/svm:predict",
              "{\"instances\": [" + PredictEndpointTest.array(row) + "]}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode p = r.json().get("predictions").get(0);
      PredictEndpointTest.assertProbabilities(p, expected);
      double sum = 0;
      for (JsonNode v : p.get("probabilities")) {
        sum += v.asDouble();
      }
      assertThat(sum).isCloseTo(1.0, within(1e-6));
      assertThat(p.get("label").asText()).isEqualTo(svm.classes().get(Model.argmax(expected)));
    }
  }
}
