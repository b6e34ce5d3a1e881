package dev.softclass.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol: a WebSocket from
 * {@link HttpClient}, commands sent as JSON with an id, answers matched by id.
 */
final class Chromium implements AutoCloseable {
  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  /** The chromium executable on the PATH, or {@code null}. */
  static Path executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, "chromium");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Starts a headless browser with a fresh profile in {@code profile}. */
  Chromium(Path profile) throws Exception {
    this.profile = profile;
    process =
        new ProcessBuilder(
                List.of(
                    executable().toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + profile,
                    "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0",
                    "--window-size=900,760",
                    "about:blank"))
            .redirectErrorStream(true)
            .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile())
            .start();
    Path portFile = profile.resolve("DevToolsActivePort");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (System.nanoTime() > end || !process.isAlive()) {
        process.destroyForcibly();
        throw new IllegalStateException("chromium did not open its DevTools port");
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
    HttpClient http = HttpClient.newHttpClient();
    String targets =
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String pageSocket = null;
    for (JsonNode t : TestServer.JSON.readTree(targets)) {
      if (t.get("type").asText().equals("page")) {
        pageSocket = t.get("webSocketDebuggerUrl").asText();
        break;
      }
    }
    if (pageSocket == null) {
      throw new IllegalStateException("chromium has no page: " + targets);
    }
    socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(pageSocket), new Listener())
            .get(10, TimeUnit.SECONDS);
  }

  /** Sends a DevTools command and waits for its result. */
  JsonNode call(String method, Map<String, ?> params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode msg = TestServer.JSON.createObjectNode();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", TestServer.JSON.valueToTree(params));
    socket.sendText(TestServer.JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
    JsonNode reply = answer.get(30, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + " failed: " + reply.get("error"));
    }
    return reply.get("result");
  }

  /** Evaluates JavaScript in the page (awaiting a promise) and returns its JSON value. */
  JsonNode eval(String expression) throws Exception {
    JsonNode r =
        call(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("the page threw: " + r.get("exceptionDetails"));
    }
    return r.get("result").get("value");
  }

  /** Evaluates {@code condition} until it is true. */
  void waitFor(String condition, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (!eval("Boolean(" + condition + ")").asBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("the page never got to: " + condition);
      }
      Thread.sleep(25);
    }
  }

  /** Clicks the middle of the element {@code selector} with the mouse. */
  void click(String selector) throws Exception {
    JsonNode box =
        eval(
            "(() => { const r = document.querySelector('"
                + selector
                + "').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()");
    for (String type : new String[] {"mousePressed", "mouseReleased"}) {
      call(
          "Input.dispatchMouseEvent",
          Map.of(
              "type",
              type,
              "x",
              box.get(0).asDouble(),
              "y",
              box.get(1).asDouble(),
              "button",
              "left",
              "clickCount",
              1));
    }
  }

  /** Types {@code text} into the focused element, as a keyboard would. */
  void type(String text) throws Exception {
    call("Input.insertText", Map.of("text", text));
  }

  /** A PNG of the page. */
  byte[] screenshot() throws Exception {
    return Base64.getDecoder()
        .decode(call("Page.captureScreenshot", Map.of("format", "png")).get("data").asText());
  }

  @Override
  public void close() throws InterruptedException {
    socket.abort();
    // Its helper processes (renderer, GPU, crash handler) may still write to the profile after
    // the browser itself has gone; the test's temporary folder is deleted right after this.
    List<ProcessHandle> helpers = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    helpers.forEach(ProcessHandle::destroy);
    for (ProcessHandle helper : helpers) {
      try {
        helper.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        helper.destroyForcibly();
      }
    }
    // Chromium keeps its singleton socket in a directory of its own under the temporary folder
    Path link = profile.resolve("SingletonSocket");
    if (Files.isSymbolicLink(link)) {
      try {
        Path socketDir = Files.readSymbolicLink(link).getParent();
        Files.delete(link);
        try (var files = Files.list(socketDir)) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(socketDir);
      } catch (IOException e) {
        // only a leftover temporary file
      }
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode msg = TestServer.JSON.readTree(partial.toString());
          if (msg.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
            if (f != null) {
              f.complete(msg);
            }
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
