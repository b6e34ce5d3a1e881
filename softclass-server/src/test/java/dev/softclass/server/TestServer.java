package dev.softclass.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** A real server on an ephemeral loopback port, with a {@link HttpClient} to talk to it. */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final SoftclassServer server;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String token;

  /** An answer: status, parsed JSON body (or null if not JSON), raw body and headers. */
  record Reply(int status, JsonNode json, String body, HttpResponse<String> raw) {
    String message() {
      return json == null ? body : json.path("message").asText();
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  TestServer(Map<String, Path> models, ServerSettings settings) {
    this.server = SoftclassServer.start(models, settings.withAddress("127.0.0.1", 0));
    this.token = settings.token();
  }

  static ServerSettings settings() {
    return ServerSettings.defaults().withThreads(16).withWatchInterval(Duration.ZERO);
  }

  URI uri(String path) {
    return URI.create(server.url() + path);
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  Reply get(String path) {
    return send(request(path).GET().build());
  }

  Reply post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** Posts a body whose length is not announced (sent chunked), read from {@code body}. */
  CompletableFuture<Reply> postStreaming(String path, Supplier<InputStream> body) {
    HttpRequest r =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(body))
            .build();
    return client
        .sendAsync(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .thenApply(TestServer::reply);
  }

  Reply send(HttpRequest r) {
    try {
      return reply(client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Reply reply(HttpResponse<String> r) {
    JsonNode json = null;
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("application/json")) {
      try {
        json = JSON.readTree(r.body());
      } catch (IOException e) {
        throw new AssertionError("the server sent invalid JSON: " + r.body(), e);
      }
    }
    return new Reply(r.statusCode(), json, r.body(), r);
  }

  /** How many predict requests the server is working on, read from {@code /metrics}. */
  int predictionsInFlight() {
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith("softclass_predict_in_flight ")) {
        return (int) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
      }
    }
    throw new AssertionError("no softclass_predict_in_flight in /metrics");
  }

  /** Waits until the server works on {@code n} predict requests. */
  void awaitInFlight(int n) throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (predictionsInFlight() != n) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the server never had " + n + " predict requests in flight");
      }
      Thread.sleep(10);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
