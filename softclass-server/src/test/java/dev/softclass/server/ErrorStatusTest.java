package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every client mistake gets its status and a JSON error naming what was wrong: 400, 404, 405, 413,
 * 415, 422, 429, 503 (and 401 in {@link TokenTest}); never a 500.
 */
class ErrorStatusTest {
  @TempDir static Path dir;
  static TestServer server;
  static String row;

  @BeforeAll
  static void start() {
    TestModels.wine().save(dir.resolve("wine.softclass"));
    Limits limits =
        Limits.defaults()
            .withMaxBodyBytes(4096)
            .withMaxInstances(3)
            .withMaxJsonDepth(6)
            .withRequestTimeout(Duration.ofMillis(400))
            .withConcurrency(1, Duration.ZERO);
    server =
        new TestServer(
            Map.of("wine", dir.resolve("wine.softclass")),
            TestServer.settings().withLimits(limits));
    row = PredictEndpointTest.array(TestModels.wineRow());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static TestServer.Reply predict(String body) {
    return server.post("/v1/models/wine:predict", body);
  }

  static void assertError(TestServer.Reply r, int status, String... fragments) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.json()).as("a JSON body: " + r.body()).isNotNull();
    assertThat(r.json().get("status").asInt()).isEqualTo(status);
    assertThat(r.json().get("error").asText()).isNotBlank();
    assertThat(r.message()).contains(fragments);
  }

  @Test
  void malformedJsonIs400WithWhereItBroke() {
    assertError(predict("{\"instances\": [[1, 2,]]}"), 400, "malformed JSON", "line 1");
    assertError(predict("{\"instances\": "), 400, "malformed JSON");
    assertError(predict(""), 400, "empty");
    assertError(predict("{\"instances\": [" + row + "]} trailing"), 400, "malformed JSON");
  }

  @Test
  void jsonNestedTooDeepIs400() {
    // The parser stops at the first wrong shape; nesting it skips over is bounded by the limit.
    String deep = "{\"instances\": [{\"indices\": [1], \"values\": [1], \"x\": [[[[[1]]]]]}]}";
    assertError(
        predict(deep.replace("\"indices\": [1], \"values\": [1], ", "")),
        400,
        "nested deeper",
        "6 levels");
    assertError(predict("{\"instances\": [[[[[[[[1]]]]]]]]}"), 422, "instances[0][0] is an array");
  }

  @Test
  void unknownModelActionAndRouteAre404() {
    assertError(predict404("/v1/models/nope:predict"), 404, "no model is served as 'nope'", "wine");
    assertError(predict404("/v1/models/wine:explain"), 404, "unknown action ':explain'");
    assertError(server.get("/v1/models/nope"), 404, "nope");
    assertError(server.get("/v2/anything"), 404, "no endpoint GET /v2/anything");
  }

  private static TestServer.Reply predict404(String path) {
    return server.post(path, "{\"instances\": [" + row + "]}");
  }

  @Test
  void wrongMethodIs405() {
    assertError(server.get("/v1/models/wine:predict"), 405, "use POST");
    assertError(server.post("/v1/models/wine", "{}"), 405, ":predict");
    TestServer.Reply r = server.send(server.request("/v1/models").DELETE().build());
    assertError(r, 405, "DELETE is not allowed");
  }

  @Test
  void bodyOverTheLimitIs413AnnouncedOrChunked() {
    String big = "{\"instances\": [" + row + "], \"pad\": \"" + "x".repeat(5000) + "\"}";
    assertError(predict(big), 413, "larger than the limit of 4096 bytes");
    TestServer.Reply chunked =
        server
            .postStreaming(
                "/v1/models/wine:predict",
                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))
            .join();
    assertThat(chunked.raw().request().headers().firstValue("Content-Length")).isEmpty();
    assertError(chunked, 413, "larger than the limit");
  }

  @Test
  void tooManyInstancesIs413() {
    String four = "{\"instances\": [" + row + "," + row + "," + row + "," + row + "]}";
    assertError(predict(four), 413, "more than 3 instances");
  }

  @Test
  void wrongContentTypeIs415() {
    HttpRequest text =
        server
            .request("/v1/models/wine:predict")
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [" + row + "]}"))
            .build();
    assertError(server.send(text), 415, "application/json", "text/plain");
    HttpRequest latin1 =
        server
            .request("/v1/models/wine:predict")
            .header("Content-Type", "application/json; charset=iso-8859-1")
            .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [" + row + "]}"))
            .build();
    assertError(server.send(latin1), 415, "UTF-8");
    HttpRequest utf8 =
        server
            .request("/v1/models/wine:predict")
            .header("Content-Type", "application/json; charset=UTF-8")
            .POST(HttpRequest.BodyPublishers.ofString("{\"instances\": [" + row + "]}"))
            .build();
    assertThat(server.send(utf8).status()).isEqualTo(200);
  }

  @Test
  void wrongShapesAre422NamingTheInstance() {
    assertError(predict("[1, 2]"), 422, "must be a JSON object");
    assertError(predict("{\"rows\": []}"), 422, "unknown field \"rows\"");
    assertError(predict("{}"), 422, "no \"instances\"");
    assertError(predict("{\"instances\": 5}"), 422, "must be an array");
    assertError(predict("{\"instances\": []}"), 422, "empty");
    assertError(predict("{\"instances\": [[1, 2, 3]]}"), 422, "instances[0] has 3 values", "13");
    assertError(predict("{\"instances\": [" + row + ", 7]}"), 422, "instances[1] is a number");
    assertError(
        predict("{\"instances\": [" + row.replaceFirst("\\[[^,]+", "[\"a\"") + "]}"),
        422,
        "instances[0][0] is a string");
    assertError(
        predict("{\"instances\": [" + row.replaceFirst("\\[[^,]+", "[1e39") + "]}"),
        422,
        "too large for a 32-bit float");
    assertError(predict("{\"instances\": [" + row + "], \"top_k\": 4}"), 422, "top_k", "1 to 3");
    assertError(
        predict("{\"instances\": [" + row + "], \"instances\": [" + row + "]}"), 422, "twice");
  }

  @Test
  void namedInstanceMissingFeaturesIs422NamingThem() {
    TestServer.Reply r =
        predict("{\"instances\": [{\"alcohol\": 13.2, \"ash\": 2.1, \"hue\": 1}]}");
    assertError(
        r,
        422,
        "instances[0] lacks 10 of the 13 features of model 'wine'",
        "malic_acid",
        "proline");
    assertThat(r.message()).doesNotContain("alcohol,");
    TestServer.Reply typo =
        predict(
            "{\"instances\": ["
                + PredictEndpointTest.named(TestModels.wine(), TestModels.wineRow())
                    .replace("\"hue\"", "\"hew\"")
                + "]}");
    assertError(typo, 422, "lacks 1", "hue", "does not know: hew");
  }

  @Test
  void badSparseInstancesAre422() {
    assertError(
        predict("{\"instances\": [{\"indices\": [3, 1], \"values\": [1, 2]}]}"),
        422,
        "strictly increasing");
    assertError(
        predict("{\"instances\": [{\"indices\": [1, 2], \"values\": [1]}]}"),
        422,
        "2 indices but 1 values");
    assertError(predict("{\"instances\": [{\"indices\": [1]}]}"), 422, "lacks \"values\"");
    assertError(
        predict("{\"instances\": [{\"indices\": [-1], \"values\": [1]}]}"), 422, "feature index");
  }

  @Test
  void textForATabularModelIs422SayingTheModelIsTabular() {
    assertError(
        predict("{\"instances\": [\"a fine red wine\"]}"),
        422,
        "instances[0] is text",
        "is tabular: send an array of 13 values");
  }

  @Test
  void busyServerIs429AndTheHeldRequestStillSucceeds() throws Exception {
    // A server of its own without the class's 400 ms time limit: on a loaded machine the held
    // request can take longer than that to be finished, and then it is (rightly) a 503.
    Limits oneAtATime = Limits.defaults().withConcurrency(1, Duration.ZERO);
    try (TestServer busyServer =
        new TestServer(
            Map.of("wine", dir.resolve("wine.softclass")),
            TestServer.settings().withLimits(oneAtATime))) {
      String body = "{\"instances\": [" + row + "]}";
      try (HeldRequest held =
          HeldRequest.start(
              busyServer.server.port(), "/v1/models/wine:predict", body.substring(0, 10))) {
        busyServer.awaitInFlight(1);
        TestServer.Reply busy = busyServer.post("/v1/models/wine:predict", body);
        assertError(busy, 429, "busy");
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(held.finish(body.substring(10)).status()).isEqualTo(200);
      }
      busyServer.awaitInFlight(0);
    }
  }

  @Test
  void requestOverItsTimeLimitIs503() throws Exception {
    String body = "{\"instances\": [" + row + "]}";
    try (HeldRequest slow =
        HeldRequest.start(server.server.port(), "/v1/models/wine:predict", body.substring(0, 10))) {
      Thread.sleep(600);
      HeldRequest.Answer a = slow.finish(body.substring(10));
      assertThat(a.status()).as(a.body()).isEqualTo(503);
      assertThat(a.json().get("message").asText()).contains("time limit");
    }
  }

  @Test
  void bodyStalledPastJettysIdleTimeoutIs503NotA400NamingAnException() throws Exception {
    String body = "{\"instances\": [" + row + "]}";
    try (HeldRequest stalled =
        HeldRequest.start(server.server.port(), "/v1/models/wine:predict", body.substring(0, 10))) {
      Thread.sleep(1300); // past the idle timeout (1 s at least), which closes the body stream
      HeldRequest.Answer a = stalled.finish(body.substring(10));
      assertThat(a.status()).as(a.body()).isEqualTo(503);
      assertThat(a.json().get("message").asText())
          .contains("time limit")
          .doesNotContain("Exception");
    }
  }

  @Test
  void requestJettyCannotParseGetsAJson400() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.server.port())) {
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /v1/models HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(reply)
          .startsWith("HTTP/1.1 400")
          .contains("application/json")
          .contains("\"status\":400");
    }
  }

  @Test
  void aRefusedRequestLeavesItsConnectionUsableAndAnOversizedOneClosesIt() throws IOException {
    String good = "{\"instances\": [" + row + "]}";
    try (Socket s = new Socket("127.0.0.1", server.server.port())) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(request("text/plain", good));
      assertThat(HeldRequest.read(in).status()).isEqualTo(415);
      out.write(request("application/json", good));
      assertThat(HeldRequest.read(in).status()).isEqualTo(200);
      out.write(request("application/json", good + " ".repeat(5000)));
      assertThat(HeldRequest.read(in).status()).isEqualTo(413);
      assertThat(in.read()).as("closed after the 413").isEqualTo(-1);
    }
  }

  private static byte[] request(String type, String body) {
    return ("POST /v1/models/wine:predict HTTP/1.1\r\nHost: x\r\nContent-Type: "
            + type
            + "\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n"
            + body)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void noClientMistakeAbove499WasCountedAsAServerError() {
    assertThat(server.get("/metrics").body()).doesNotContain("status=\"500\"");
  }
}
