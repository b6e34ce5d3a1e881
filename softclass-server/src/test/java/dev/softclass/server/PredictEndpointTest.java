package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/models/NAME:predict}: every kind of instance, and the answers. */
class PredictEndpointTest {
  @TempDir static Path dir;
  static TestServer server;
  static Model wine;
  static Model multiLabel;

  @BeforeAll
  static void start() {
    wine = TestModels.wine();
    wine.save(dir.resolve("wine.softclass"));
    TestModels.manyClasses().save(dir.resolve("many.softclass"));
    multiLabel = TestModels.multiLabel();
    multiLabel.save(dir.resolve("tags.softclass"));
    Map<String, Path> models = new LinkedHashMap<>();
    models.put("wine", dir.resolve("wine.softclass"));
    models.put("many", dir.resolve("many.softclass"));
    models.put("tags", dir.resolve("tags.softclass"));
    TestModels.binaryStrictThreshold().save(dir.resolve("strict.softclass"));
    models.put("strict", dir.resolve("strict.softclass"));
    server = new TestServer(models, TestServer.settings());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String array(float[] row) {
    StringJoiner j = new StringJoiner(",", "[", "]");
    for (float v : row) {
      j.add(Float.toString(v));
    }
    return j.toString();
  }

  static String named(Model m, float[] row) {
    StringJoiner j = new StringJoiner(",", "{", "}");
    for (int c = 0; c < row.length; c++) {
      j.add(TestServer.JSON.valueToTree(m.featureNames().get(c)) + ":" + row[c]);
    }
    return j.toString();
  }

  static void assertProbabilities(JsonNode prediction, double[] expected) {
    JsonNode p = prediction.get("probabilities");
    assertThat(p.size()).isEqualTo(expected.length);
    for (int k = 0; k < expected.length; k++) {
      assertThat(p.get(k).asDouble()).isCloseTo(expected[k], within(1e-6));
    }
  }

  @Test
  void multiLabelModelAnswersItsChosenLabels() {
    TestServer.Reply r =
        server.post("/v1/models/tags:predict", "{\"instances\": [[2, 1.5], [2, -2], [-2, -2]]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode p = r.json().get("predictions");
    assertThat(p.get(0).get("labels").toString()).isEqualTo("[\"hot\",\"wet\"]");
    assertThat(p.get(1).get("labels").toString()).isEqualTo("[\"hot\"]");
    assertThat(p.get(2).get("labels").toString()).isEqualTo("[]");
    assertProbabilities(p.get(0), multiLabel.predictProba(new float[] {2, 1.5f}));
    assertThat(
            server
                .post(
                    "/v1/models/wine:predict",
                    "{\"instances\": [" + array(TestModels.wineRow()) + "]}")
                .json()
                .get("predictions")
                .get(0)
                .has("labels"))
        .isFalse();
  }

  @Test
  void binaryModelsLabelFollowsItsDecisionThreshold() {
    Model strict = TestModels.binaryStrictThreshold();
    float[] row = {0.2f};
    double pYes = strict.predictProba(row)[1];
    assertThat(pYes).isBetween(0.5, 0.9);
    TestServer.Reply r = server.post("/v1/models/strict:predict", "{\"instances\": [[0.2], [5]]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode p = r.json().get("predictions");
    assertThat(p.get(0).get("label").asText()).isEqualTo("no");
    assertThat(p.get(1).get("label").asText()).isEqualTo("yes");
    assertThat(strict.predictLabel(row)).isEqualTo("no");
  }

  @Test
  void denseRowGivesTheModelsProbabilitiesAndLabel() {
    float[] row = TestModels.wineRow();
    TestServer.Reply r =
        server.post("/v1/models/wine:predict", "{\"instances\": [" + array(row) + "]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("model").asText()).isEqualTo("wine");
    assertThat(r.json().get("model_version").asLong()).isEqualTo(1);
    assertThat(r.json().get("classes")).hasSize(3);
    assertThat(r.json().get("classes").get(0).asText()).isEqualTo(wine.classes().get(0));
    JsonNode prediction = r.json().get("predictions").get(0);
    assertThat(prediction.get("label").asText()).isEqualTo(wine.predictLabel(row));
    assertProbabilities(prediction, wine.predictProba(row));
  }

  @Test
  void namedFeaturesInAnyOrderGiveTheSameAnswerAsTheArray() {
    float[] row = TestModels.wineRow();
    List<String> fields = new ArrayList<>();
    for (int c = row.length - 1; c >= 0; c--) {
      fields.add("\"" + wine.featureNames().get(c) + "\": " + row[c]);
    }
    TestServer.Reply r =
        server.post(
            "/v1/models/wine:predict", "{\"instances\": [{" + String.join(",", fields) + "}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertProbabilities(r.json().get("predictions").get(0), wine.predictProba(row));
  }

  @Test
  void sparseInstanceIsTheDenseRowWithZerosElsewhere() {
    float[] dense = new float[wine.numFeatures()];
    dense[0] = 13.2f;
    dense[9] = 5.1f;
    dense[12] = 1000f;
    TestServer.Reply r =
        server.post(
            "/v1/models/wine:predict",
            "{\"instances\": [{\"indices\": [0, 9, 12], \"values\": [13.2, 5.1, 1000]}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertProbabilities(r.json().get("predictions").get(0), wine.predictProba(dense));
  }

  @Test
  void nullIsAMissingValueFilledAsInTraining() {
    float[] row = TestModels.wineRow();
    float[] filled = row.clone();
    filled[3] = wine.transform().fill()[3];
    String json =
        array(row).replaceFirst("^\\[([^,]+),([^,]+),([^,]+),([^,]+),", "[$1,$2,$3,null,");
    TestServer.Reply r = server.post("/v1/models/wine:predict", "{\"instances\": [" + json + "]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertProbabilities(r.json().get("predictions").get(0), wine.predictProba(filled));
  }

  @Test
  void batchKeepsTheOrderOfInstances() {
    float[][] rows = new float[5][];
    StringJoiner j = new StringJoiner(",");
    for (int i = 0; i < rows.length; i++) {
      rows[i] = TestModels.wineData().features().denseRow(i * 20);
      j.add(i % 2 == 0 ? array(rows[i]) : named(wine, rows[i]));
    }
    TestServer.Reply r = server.post("/v1/models/wine:predict", "{\"instances\": [" + j + "]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    for (int i = 0; i < rows.length; i++) {
      assertProbabilities(r.json().get("predictions").get(i), wine.predictProba(rows[i]));
    }
  }

  @Test
  void topKListsTheMostProbableClassesFirst() {
    float[] row = TestModels.wineRow();
    TestServer.Reply r =
        server.post(
            "/v1/models/wine:predict", "{\"instances\": [" + array(row) + "], \"top_k\": 2}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode top = r.json().get("predictions").get(0).get("top");
    assertThat(top).hasSize(2);
    double[] p = wine.predictProba(row);
    Integer[] order = {0, 1, 2};
    Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
    for (int i = 0; i < 2; i++) {
      assertThat(top.get(i).get("label").asText()).isEqualTo(wine.classes().get(order[i]));
      assertThat(top.get(i).get("probability").asDouble()).isCloseTo(p[order[i]], within(1e-6));
    }
  }

  @Test
  void manyClassesGiveTheTopTenByDefault() {
    Model many = TestModels.manyClasses();
    TestServer.Reply r =
        server.post("/v1/models/many:predict", "{\"instances\": [[3, 0.5, 1, 4.5]]}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode prediction = r.json().get("predictions").get(0);
    assertThat(prediction.has("probabilities")).isFalse();
    assertThat(prediction.get("top")).hasSize(PredictRequestParser.DEFAULT_TOP_K);
    assertThat(prediction.get("top").get(0).get("label").asText())
        .isEqualTo(prediction.get("label").asText())
        .isEqualTo(many.predictLabel(new float[] {3, 0.5f, 1, 4.5f}));
    double previous = 1;
    for (JsonNode t : prediction.get("top")) {
      assertThat(t.get("probability").asDouble()).isLessThanOrEqualTo(previous);
      previous = t.get("probability").asDouble();
    }
  }

  @Test
  void servingCountsArePublishedPerModel() {
    server.post("/v1/models/many:predict", "{\"instances\": [[1,2,3,4],[4,3,2,1]]}");
    TestServer.Reply r = server.get("/v1/models/many");
    assertThat(r.json().get("serving").get("instances").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(server.get("/metrics").body())
        .contains("softclass_predict_instances_total{model=\"many\"}")
        .contains("softclass_http_requests_seconds_bucket{method=\"POST\",model=\"many\"");
  }
}
