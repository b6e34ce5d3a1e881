package dev.softclass.server;

import static dev.softclass.server.ErrorStatusTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.Model;
import dev.softclass.text.TextModel;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text models served by a real server: strings in, the model's exact probabilities out, top-k for
 * many classes, clear errors for instances of the wrong kind, metadata, and hot reload.
 */
class TextModelServingTest {
  private static final List<String> SENTENCES =
      List.of(
          "All human beings are born free and equal in dignity and rights.",
          "Tous les êtres humains naissent libres et égaux en dignité et en droits.",
          "Alle Menschen sind frei und gleich an Würde und Rechten geboren.",
          "Todos los seres humanos nacen libres e iguales en dignidad y derechos.",
          "");

  @TempDir Path dir;

  private Map<String, Path> models;

  @BeforeEach
  void saveModels() {
    models = new LinkedHashMap<>();
    models.put("lang", save("lang", TestModels.languages()));
    models.put("wordnet", save("wordnet", TestModels.wordnet60().withTemperature(1.25)));
    Path wine = dir.resolve("wine.softclass");
    TestModels.wine().save(wine);
    models.put("wine", wine);
  }

  private Path save(String name, TextModel m) {
    Path file = dir.resolve(name + ".softclass");
    m.save(file);
    return file;
  }

  private static String body(List<String> texts, String extra) {
    StringBuilder b = new StringBuilder("{\"instances\": [");
    for (int i = 0; i < texts.size(); i++) {
      JsonNode quoted = TestServer.JSON.valueToTree(texts.get(i));
      b.append(i > 0 ? ", " : "").append(quoted.toString());
    }
    return b.append("]").append(extra).append("}").toString();
  }

  @Test
  void predictGivesTheTextModelsOwnProbabilitiesSummingToOne() {
    TextModel m = TestModels.languages();
    try (TestServer server = new TestServer(models, TestServer.settings())) {
      TestServer.Reply r = server.post("/v1/models/lang:predict", body(SENTENCES, ""));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().get("model").asText()).isEqualTo("lang");
      assertThat(r.json().get("model_version").asLong()).isEqualTo(1);
      assertThat(TestServer.JSON.convertValue(r.json().get("classes"), List.class))
          .isEqualTo(m.classes());
      JsonNode predictions = r.json().get("predictions");
      assertThat(predictions).hasSize(SENTENCES.size());
      for (int i = 0; i < SENTENCES.size(); i++) {
        double[] expected = m.predictProba(SENTENCES.get(i));
        JsonNode p = predictions.get(i);
        assertThat(p.has("top")).isFalse();
        assertThat(p.get("label").asText()).isEqualTo(m.classes().get(Model.argmax(expected)));
        double sum = 0;
        for (int k = 0; k < expected.length; k++) {
          double got = p.get("probabilities").get(k).asDouble();
          assertThat(got).isCloseTo(expected[k], within(1e-6 * Math.max(1, expected[k])));
          sum += got;
        }
        assertThat(sum).isCloseTo(1, within(1e-5));
      }
      // the Declaration's first article in English, which the model saw in training
      assertThat(predictions.get(0).get("label").asText()).isEqualTo("eng");
    }
  }

  @Test
  void topKListsTheMostProbableClassesFirst() {
    TextModel m = TestModels.languages();
    try (TestServer server = new TestServer(models, TestServer.settings())) {
      String text = SENTENCES.get(2);
      TestServer.Reply r =
          server.post("/v1/models/lang:predict", body(List.of(text), ", \"top_k\": 3"));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode p = r.json().get("predictions").get(0);
      assertThat(p.has("probabilities")).isFalse();
      assertTop(p, m, text, 3);
    }
  }

  @Test
  void manyClassesGiveTheTopTenByDefault() {
    TextModel m = TestModels.wordnet60().withTemperature(1.25); // as served
    assertThat(m.classes()).hasSize(60);
    String text = TestModels.textData("wordnet-60.ft.txt").texts().get(7);
    try (TestServer server = new TestServer(models, TestServer.settings())) {
      TestServer.Reply r = server.post("/v1/models/wordnet:predict", body(List.of(text), ""));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertTop(r.json().get("predictions").get(0), m, text, 10);

      TestServer.Reply all =
          server.post("/v1/models/wordnet:predict", body(List.of(text), ", \"top_k\": 60"));
      assertThat(all.status()).as(all.body()).isEqualTo(200);
      assertTop(all.json().get("predictions").get(0), m, text, 60);

      assertError(
          server.post("/v1/models/wordnet:predict", body(List.of(text), ", \"top_k\": 61")),
          422,
          "\"top_k\" must be an integer from 1 to 60");
    }
  }

  @Test
  void minProbLeavesOutTheLessProbableClassesAsPredictMinProbDoes() {
    TextModel m = TestModels.languages();
    String text = "Everyone has the right to education, sagt man, y nadie lo duda.";
    double[] p = m.predictProba(text);
    double threshold = 0.01;
    long reaching = java.util.Arrays.stream(p).filter(v -> v >= threshold).count();
    assertThat(reaching).as("some classes reach the threshold, some do not").isBetween(1L, 7L);
    try (TestServer server = new TestServer(models, TestServer.settings())) {
      TestServer.Reply r =
          server.post("/v1/models/lang:predict", body(List.of(text), ", \"min_prob\": 0.01"));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertTop(r.json().get("predictions").get(0), m, text, (int) reaching);
      // the same classes as the text model's own top-k with a least probability
      TextModel.TopPredictions own = m.predict(text, 8, threshold);
      assertThat(r.json().get("predictions").get(0).get("top")).hasSize(own.classes().length);

      TestServer.Reply two =
          server.post(
              "/v1/models/lang:predict", body(List.of(text), ", \"min_prob\": 0, \"top_k\": 2"));
      assertTop(two.json().get("predictions").get(0), m, text, 2);

      JsonNode none =
          server
              .post("/v1/models/lang:predict", body(List.of(text), ", \"min_prob\": 1"))
              .json()
              .get("predictions")
              .get(0);
      assertThat(none.get("top")).isEmpty();
      assertThat(none.get("label").asText()).isEqualTo(m.classes().get(Model.argmax(p)));

      assertError(
          server.post("/v1/models/lang:predict", body(List.of(text), ", \"min_prob\": 1.5")),
          422,
          "\"min_prob\" must be a number from 0 to 1");
      assertError(
          server.post("/v1/models/lang:predict", body(List.of(text), ", \"min_prob\": \"0.1\"")),
          422,
          "\"min_prob\" must be a number from 0 to 1");
      assertError(
          server.post(
              "/v1/models/wine:predict",
              "{\"instances\": ["
                  + PredictEndpointTest.array(TestModels.wineRow())
                  + "],"
                  + " \"min_prob\": 0.1}"),
          422,
          "\"min_prob\" is for text models; model 'wine' is tabular");
    }
  }

  /** The {@code k} entries of {@code "top"} are the model's {@code k} most probable classes. */
  private static void assertTop(JsonNode p, TextModel m, String text, int k) {
    double[] expected = m.predictProba(text);
    List<Integer> order =
        IntStream.range(0, expected.length)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer c) -> -expected[c]))
            .toList();
    JsonNode top = p.get("top");
    assertThat(top).hasSize(k);
    assertThat(p.get("label").asText()).isEqualTo(m.classes().get(order.get(0)));
    double sum = 0;
    for (int r = 0; r < k; r++) {
      double want = expected[order.get(r)];
      double got = top.get(r).get("probability").asDouble();
      assertThat(got).isCloseTo(want, within(1e-6 * Math.max(1, want)));
      // ties may come in either order; the label's own probability must be the one given
      int c = m.classes().indexOf(top.get(r).get("label").asText());
      assertThat(expected[c]).isCloseTo(got, within(1e-6));
      sum += got;
    }
    assertThat(sum).isLessThanOrEqualTo(1 + 1e-5);
    if (k == expected.length) {
      assertThat(sum).isCloseTo(1, within(1e-5));
    }
  }

  @Test
  void instancesOfTheWrongKindAre422() {
    try (TestServer server = new TestServer(models, TestServer.settings())) {
      for (String instance : List.of("[1, 2, 3]", "3.5", "{\"text\": \"hello\"}", "null", "true")) {
        assertError(
            server.post("/v1/models/lang:predict", "{\"instances\": [" + instance + "]}"),
            422,
            "instances[0] is ",
            "model 'lang' is a text model: send each instance as a string");
      }
      assertError(
          server.post("/v1/models/lang:predict", "{\"instances\": [\"fine\", 4]}"),
          422,
          "instances[1] is a number");
      assertError(
          server.post("/v1/models/wine:predict", "{\"instances\": [\"a fine red wine\"]}"),
          422,
          "instances[0] is text, but model 'wine' is tabular: send an array of 13 values");
      assertError(server.post("/v1/models/lang:predict", "{\"instances\": []}"), 422, "empty");
      assertError(
          server.post("/v1/models/lang:predict", "{\"instances\": [\"a\"], \"top_k\": 0}"),
          422,
          "from 1 to 8");
      // the server counted the refused requests against the model
      assertThat(server.get("/v1/models/lang").json().get("serving").get("errors").asLong())
          .isEqualTo(8);
    }
  }

  @Test
  void metadataSaysItIsATextModel() {
    TextModel m = TestModels.languages();
    try (TestServer server = new TestServer(models, TestServer.settings())) {
      server.post("/v1/models/lang:predict", body(SENTENCES, ""));
      JsonNode list = server.get("/v1/models").json().get("models");
      assertThat(list).hasSize(3);
      JsonNode summary = list.get(0);
      assertThat(summary.get("name").asText()).isEqualTo("lang");
      assertThat(summary.get("kind").asText()).isEqualTo("text");
      assertThat(summary.get("head").asText()).isEqualTo("softmax");
      assertThat(summary.get("probability_kind").asText()).isEqualTo("softmax");
      assertThat(summary.get("num_classes").asInt()).isEqualTo(8);
      assertThat(summary.get("dim").asInt()).isEqualTo(16);
      assertThat(summary.get("task").asText()).isEqualTo("multiclass");
      assertThat(list.get(1).get("head").asText()).isEqualTo("hs");
      assertThat(list.get(2).get("kind").asText()).isEqualTo("tabular");

      JsonNode d = server.get("/v1/models/lang").json();
      assertThat(d.get("kind").asText()).isEqualTo("text");
      assertThat(TestServer.JSON.convertValue(d.get("classes"), List.class)).isEqualTo(m.classes());
      JsonNode text = d.get("text_features");
      assertThat(text.get("vocabulary").asInt()).isEqualTo(m.features().words().size());
      assertThat(text.get("minn").asInt()).isEqualTo(2);
      assertThat(text.get("maxn").asInt()).isEqualTo(4);
      assertThat(text.get("buckets").asInt()).isEqualTo(20_000);
      assertThat(d.get("training").get("epochs").asInt()).isEqualTo(50);
      assertThat(d.get("calibration").isNull()).isTrue();
      JsonNode calibrated = server.get("/v1/models/wordnet").json().get("calibration");
      assertThat(calibrated.get("method").asText()).isEqualTo("temperature");
      assertThat(calibrated.get("temperature").asDouble()).isEqualTo(1.25);
      assertThat(d.get("serving").get("predict_requests").asLong()).isEqualTo(1);
      assertThat(d.get("serving").get("instances").asLong()).isEqualTo(SENTENCES.size());
      assertThat(server.get("/metrics").body())
          .contains("softclass_model_version{model=\"lang\"} 1.0")
          .contains("softclass_predict_instances_total{model=\"lang\"} " + SENTENCES.size() + ".0");
    }
  }

  @Test
  void reloadSwapsTextModelsUnderConcurrentRequestsWithoutAFailedRequest() throws Exception {
    TextModel a = TestModels.languages();
    TextModel b = TestModels.languagesShort();
    Path fileA = save("a", a);
    Path fileB = save("b", b);
    Path served = dir.resolve("served.softclass");
    Files.copy(fileA, served);
    String text = SENTENCES.get(0);
    double[] expectA = a.predictProba(text);
    double[] expectB = b.predictProba(text);
    assertThat(matches(expectB, expectA)).as("the two models differ on the text").isFalse();
    try (TestServer server =
        new TestServer(
            Map.of("lang", served),
            TestServer.settings().withWatchInterval(Duration.ofMillis(10)))) {
      HttpRequest request =
          server
              .request("/v1/models/lang:predict")
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body(List.of(text), "")))
              .build();
      ConcurrentClients clients =
          ConcurrentClients.start(
              server.client,
              request,
              4,
              r -> {
                JsonNode p =
                    TestServer.JSON
                        .readTree(r.body())
                        .get("predictions")
                        .get(0)
                        .get("probabilities");
                return r.statusCode() == 200 && (matches(p, expectA) || matches(p, expectB));
              });
      long v = 1;
      for (int swap = 0; swap < 6; swap++) {
        replace(swap % 2 == 0 ? fileB : fileA, served);
        v++;
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (server.get("/v1/models/lang").json().get("version").asLong() < v) {
          assertThat(System.nanoTime()).as("never loaded version " + v).isLessThan(end);
          Thread.sleep(5);
        }
        Thread.sleep(30);
      }
      // a corrupt file is refused and the text model keeps serving
      Path junk = dir.resolve("junk");
      Files.writeString(junk, "not a model");
      replace(junk, served);
      TestServer.Reply refused = server.post("/v1/models/lang:reload", "");
      assertError(refused, 422, "was not loaded", "version " + v + " keeps serving");
      clients.stop();
      assertThat(clients.failures()).as("failed requests").isEmpty();
      assertThat(clients.answered()).isGreaterThan(20);
      JsonNode p =
          server
              .post("/v1/models/lang:predict", body(List.of(text), ""))
              .json()
              .get("predictions")
              .get(0)
              .get("probabilities");
      assertThat(matches(p, expectA)).as("six swaps end on A").isTrue();
    }
  }

  @Test
  void aReloadMaySwitchATabularModelForATextModel() throws Exception {
    Path served = dir.resolve("served.softclass");
    Files.copy(models.get("wine"), served);
    try (TestServer server = new TestServer(Map.of("m", served), TestServer.settings())) {
      assertThat(server.get("/v1/models/m").json().get("kind").asText()).isEqualTo("tabular");
      replace(models.get("lang"), served);
      TestServer.Reply reloaded = server.post("/v1/models/m:reload", "");
      assertThat(reloaded.status()).as(reloaded.body()).isEqualTo(200);
      assertThat(reloaded.json().get("kind").asText()).isEqualTo("text");
      assertThat(reloaded.json().get("version").asLong()).isEqualTo(2);
      TestServer.Reply r = server.post("/v1/models/m:predict", body(List.of(SENTENCES.get(0)), ""));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(
              matches(
                  r.json().get("predictions").get(0).get("probabilities"),
                  TestModels.languages().predictProba(SENTENCES.get(0))))
          .isTrue();
      assertError(
          server.post(
              "/v1/models/m:predict",
              "{\"instances\": [" + PredictEndpointTest.array(TestModels.wineRow()) + "]}"),
          422,
          "model 'm' is a text model");
    }
  }

  private static boolean matches(JsonNode p, double[] expected) {
    double[] got = new double[expected.length];
    for (int k = 0; k < expected.length; k++) {
      got[k] = p.get(k).asDouble();
    }
    return matches(got, expected);
  }

  private static boolean matches(double[] got, double[] expected) {
    for (int k = 0; k < expected.length; k++) {
      if (Math.abs(got[k] - expected[k]) > 1e-6) {
        return false;
      }
    }
    return true;
  }

  /** Puts {@code source} in place of {@code served} the way deployments do: write, then rename. */
  private void replace(Path source, Path served) throws IOException {
    Path tmp = dir.resolve("incoming.tmp");
    Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, served, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
