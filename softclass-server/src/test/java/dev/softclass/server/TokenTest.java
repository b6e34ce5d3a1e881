package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a token, the API and metrics need {@code Authorization: Bearer}; the page and health do not.
 */
class TokenTest {
  @TempDir Path dir;

  @Test
  void apiNeedsTheBearerTokenAndThePageAndHealthChecksDoNot() {
    TestModels.wine().save(dir.resolve("wine.softclass"));
    try (TestServer server =
        new TestServer(
            Map.of("wine", dir.resolve("wine.softclass")),
            TestServer.settings().withToken("s3cret-token"))) {
      assertThat(server.get("/v1/models").status()).isEqualTo(200);
      String row = "{\"instances\": [" + PredictEndpointTest.array(TestModels.wineRow()) + "]}";
      assertThat(server.post("/v1/models/wine:predict", row).status()).isEqualTo(200);

      for (String path : new String[] {"/v1/models", "/v1/models/wine", "/metrics"}) {
        TestServer.Reply none = server.send(HttpRequest.newBuilder(server.uri(path)).build());
        ErrorStatusTest.assertError(none, 401, "bearer token");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
      }
      TestServer.Reply wrong =
          server.send(
              HttpRequest.newBuilder(server.uri("/v1/models/wine:predict"))
                  .header("Authorization", "Bearer s3cret-tokem")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(row))
                  .build());
      ErrorStatusTest.assertError(wrong, 401, "not the one");
      for (String path : new String[] {"/", "/ui/app.js", "/health/live", "/health/ready"}) {
        assertThat(server.send(HttpRequest.newBuilder(server.uri(path)).build()).status())
            .as(path)
            .isEqualTo(200);
      }
    }
  }
}
