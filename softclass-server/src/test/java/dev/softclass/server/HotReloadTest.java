package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.Model;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing a model file swaps the model atomically under load: no request fails, every answer
 * comes whole from one of the two models, and a corrupt file is refused while the old model keeps
 * serving.
 */
class HotReloadTest {
  @TempDir Path dir;

  private Path served;
  private Path fileA;
  private Path fileB;
  private String body;
  private double[] expectA;
  private double[] expectB;

  private TestServer start(Duration watch) throws IOException {
    Model a = TestModels.wine();
    Model b = TestModels.wineStrong();
    fileA = dir.resolve("a.softclass");
    fileB = dir.resolve("b.softclass");
    a.save(fileA);
    b.save(fileB);
    served = dir.resolve("served.softclass");
    Files.copy(fileA, served);
    float[] row = TestModels.wineRow();
    body = "{\"instances\": [" + PredictEndpointTest.array(row) + "]}";
    expectA = a.predictProba(row);
    expectB = b.predictProba(row);
    assertThat(Math.abs(expectA[0] - expectB[0])).isGreaterThan(1e-3);
    return new TestServer(Map.of("wine", served), TestServer.settings().withWatchInterval(watch));
  }

  /** Puts {@code source} in place of the served file the way deployments do: write, then rename. */
  private void replace(Path source) throws IOException {
    Path tmp = dir.resolve("incoming.tmp");
    Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, served, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static long version(TestServer server) {
    return server.get("/v1/models/wine").json().get("version").asLong();
  }

  private static void awaitVersion(TestServer server, long v) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (version(server) < v) {
      assertThat(System.nanoTime()).as("the watcher never loaded version " + v).isLessThan(end);
      Thread.sleep(5);
    }
  }

  /** Which model answered: 'A', 'B', or '?' if the probabilities match neither. */
  private char which(JsonNode json) {
    JsonNode p = json.get("predictions").get(0).get("probabilities");
    if (matches(p, expectA)) {
      return 'A';
    }
    return matches(p, expectB) ? 'B' : '?';
  }

  private static boolean matches(JsonNode p, double[] expected) {
    for (int k = 0; k < expected.length; k++) {
      if (Math.abs(p.get(k).asDouble() - expected[k]) > 1e-6) {
        return false;
      }
    }
    return true;
  }

  @Test
  void swapsUnderConcurrentRequestsWithoutAFailedRequest() throws Exception {
    try (TestServer server = start(Duration.ofMillis(10))) {
      HttpRequest request =
          server
              .request("/v1/models/wine:predict")
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      ConcurrentClients clients =
          ConcurrentClients.start(
              server.client,
              request,
              4,
              r -> r.statusCode() == 200 && which(TestServer.JSON.readTree(r.body())) != '?');
      long v = 1;
      for (int swap = 0; swap < 10; swap++) {
        replace(swap % 2 == 0 ? fileB : fileA);
        awaitVersion(server, ++v);
        if (swap == 4) {
          // a corrupt file arrives: refused, the current model keeps serving
          Path junk = dir.resolve("junk");
          Files.writeString(junk, "not a model");
          replace(junk);
          long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
          while (server.get("/v1/models/wine").json().get("serving").get("failed_reloads").asLong()
              == 0) {
            assertThat(System.nanoTime()).isLessThan(end);
            Thread.sleep(5);
          }
          assertThat(version(server)).isEqualTo(v);
        }
        Thread.sleep(50);
      }
      TestServer.Reply manual = server.post("/v1/models/wine:reload", "");
      assertThat(manual.status()).as(manual.body()).isEqualTo(200);
      assertThat(manual.json().get("version").asLong()).isEqualTo(v + 1);
      Thread.sleep(100);
      clients.stop();
      assertThat(clients.failures()).as("failed requests").isEmpty();
      assertThat(clients.answered()).isGreaterThan(40);
      // ten swaps, ending on A again
      assertThat(which(server.post("/v1/models/wine:predict", body).json())).isEqualTo('A');
      assertThat(server.get("/metrics").body())
          .contains("softclass_model_reloads_total{model=\"wine\",result=\"failure\"} 1.0")
          .contains("softclass_model_reloads_total{model=\"wine\",result=\"success\"} 11.0");
    }
  }

  @Test
  void corruptFileOnReloadIsRefusedAndTheOldModelKeepsServing() throws Exception {
    try (TestServer server = start(Duration.ZERO)) {
      byte[] good = Files.readAllBytes(fileB);
      Files.write(served, java.util.Arrays.copyOf(good, good.length / 2)); // truncated in place
      TestServer.Reply r = server.post("/v1/models/wine:reload", "");
      ErrorStatusTest.assertError(r, 422, "was not loaded", "version 1 keeps serving");
      TestServer.Reply predicted = server.post("/v1/models/wine:predict", body);
      assertThat(predicted.status()).isEqualTo(200);
      assertThat(which(predicted.json())).isEqualTo('A');
      JsonNode serving = server.get("/v1/models/wine").json().get("serving");
      assertThat(serving.get("failed_reloads").asLong()).isEqualTo(1);
      assertThat(serving.get("last_reload_error").asText()).isNotBlank();

      Files.delete(served);
      ErrorStatusTest.assertError(server.post("/v1/models/wine:reload", ""), 422, "keeps serving");

      Files.write(served, good);
      TestServer.Reply fixed = server.post("/v1/models/wine:reload", "");
      assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
      assertThat(fixed.json().get("version").asLong()).isEqualTo(2);
      assertThat(which(server.post("/v1/models/wine:predict", body).json())).isEqualTo('B');
      assertThat(
              server.get("/v1/models/wine").json().get("serving").get("last_reload_error").isNull())
          .isTrue();
      assertThat(List.of(server.get("/health/ready").status())).containsExactly(200);
    }
  }
}
