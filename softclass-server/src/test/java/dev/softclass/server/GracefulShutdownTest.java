package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SoftclassServer#close()} lets requests in flight finish and refuses new ones. */
class GracefulShutdownTest {
  @TempDir Path dir;

  @Test
  void closeFinishesTheRequestInFlightAndRefusesNewOnes() throws Exception {
    TestModels.wine().save(dir.resolve("wine.softclass"));
    TestServer server =
        new TestServer(Map.of("wine", dir.resolve("wine.softclass")), TestServer.settings());
    String body = "{\"instances\": [" + PredictEndpointTest.array(TestModels.wineRow()) + "]}";
    try (HeldRequest held =
        HeldRequest.start(server.server.port(), "/v1/models/wine:predict", body.substring(0, 12))) {
      server.awaitInFlight(1);
      Thread closer = new Thread(server::close, "closer");
      closer.start();
      long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (accepts(server)) {
        assertThat(System.nanoTime()).as("new requests are still served").isLessThan(end);
        Thread.sleep(10);
      }
      Thread.sleep(200);
      assertThat(closer.isAlive()).as("close() waits for the request in flight").isTrue();
      HeldRequest.Answer answer = held.finish(body.substring(12));
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
      assertThat(answer.json().get("predictions")).hasSize(1);
      closer.join(10_000);
      assertThat(closer.isAlive()).isFalse();
    }
  }

  /** Whether a new request is still answered normally (not a 503, not refused). */
  private static boolean accepts(TestServer server) {
    try {
      return server.get("/health/ready").status() == 200;
    } catch (UncheckedIOException e) {
      return false;
    }
  }
}
