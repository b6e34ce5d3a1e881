package dev.softclass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code softclass serve}: start-up mistakes, and SIGTERM with a request in flight. */
class ServeCommandTest {
  @TempDir Path dir;
  private Path model;

  @BeforeEach
  void trainAModel() throws IOException {
    Path data = dir.resolve("d.csv");
    Files.writeString(data, "label,a,b\nx,1,2\ny,3,1\nx,1.5,2.5\ny,2.8,0.5\nx,0.5,2\ny,3.5,1.2\n");
    model = dir.resolve("m.softclass");
    CliRunner.Result r =
        CliRunner.ok("train", "--data", data.toString(), "--model", model.toString());
  }

  private static CliRunner.Result userError(String... args) {
    CliRunner.Result r = CliRunner.run(args);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ");
    return r;
  }

  @Test
  void startUpMistakesExitOneWithAMessage() throws IOException {
    Path junk = dir.resolve("junk.softclass");
    Files.writeString(junk, "not a model");
    assertThat(userError("serve", "--model", "m=" + junk, "--port", "0").err())
        .contains("model 'm'", "junk.softclass");
    assertThat(userError("serve", "--model", "a:b=" + model, "--port", "0").err())
        .contains("model name 'a:b' is not allowed");
    assertThat(userError("serve", "--model", "m=" + model, "--threads", "2").err())
        .contains("threads must be at least 4");
    Path empty = dir.resolve("token");
    Files.writeString(empty, "\n");
    assertThat(
            userError(
                    "serve",
                    "--model",
                    "m=" + model,
                    "--port",
                    "0",
                    "--token-file",
                    empty.toString())
                .err())
        .contains("token file", "is empty");
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(
              userError(
                      "serve",
                      "--model",
                      "m=" + model,
                      "--port",
                      Integer.toString(taken.getLocalPort()))
                  .err())
          .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  /** The next line of the process's output that contains {@code text}, waiting up to 30 s. */
  private static String awaitLine(BlockingQueue<String> lines, String text)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < end) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.contains(text)) {
        return line;
      }
      if (line != null) {
        seen.add(line);
      }
    }
    throw new AssertionError("the server never printed '" + text + "'; it printed " + seen);
  }

  /** Waits until the server reports one predict request in flight. */
  private static void awaitInFlight(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest metrics =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!http.send(metrics, HttpResponse.BodyHandlers.ofString())
        .body()
        .contains("softclass_predict_in_flight 1.0")) {
      assertThat(System.nanoTime()).as("the request never got in flight").isLessThan(end);
      Thread.sleep(20);
    }
  }

  /** Waits until a new request is refused (503 or connection refused): shutdown has begun. */
  private static void awaitRefusal(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 503) {
          return;
        }
      } catch (IOException e) {
        return;
      }
      assertThat(System.nanoTime()).as("the server never began shutting down").isLessThan(end);
      Thread.sleep(20);
    }
  }

  /** Starts {@code softclass serve ARGS --port 0} in a new JVM. */
  private static Process serve(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("serve");
    command.addAll(List.of(args));
    command.addAll(List.of("--port", "0"));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** The port of a server started by {@link #serve}, from its "serving NAMES at URL" line. */
  private static int awaitPort(Process p, String names) throws InterruptedException {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader out =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
              } catch (IOException | UncheckedIOException e) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    Matcher serving =
        Pattern.compile("serving " + names + " at http://127\\.0\\.0\\.1:(\\d+)/")
            .matcher(awaitLine(lines, "serving " + names + " at"));
    assertThat(serving.find()).isTrue();
    return Integer.parseInt(serving.group(1));
  }

  @Test
  void servesATextModelTrainedByTrainWithPredictsProbabilities() throws Exception {
    Path data = dir.resolve("t.ft.txt");
    Files.writeString(
        data,
        "__label__pos the mic is great\n__label__neg I wasted my money\n"
            + "__label__pos great sound and a great price\n__label__neg the battery died, a waste\n"
            + "__label__pos works great\n__label__neg money wasted on static\n");
    Path text =
        TextFixtures.trainTextModel(
            data, dir.resolve("t.softclass"), "--dim", "8", "--epochs", "20", "--threads", "1");
    String sentence = "a great mic";
    Path lines = dir.resolve("lines.txt");
    Files.writeString(lines, sentence + "\n");
    CliRunner.Result predicted =
        CliRunner.ok("predict", "--model", text.toString(), "--data", lines.toString(), "--k", "2");
    String[] expected = predicted.out().strip().split(" "); // __label__a p __label__b q

    Process p = serve("--model", "m=" + model, "--model", "t=" + text);
    try {
      int port = awaitPort(p, "m, t");
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/v1/models/t:predict"))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"instances\": [\"" + sentence + "\"], \"top_k\": 2}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      var top =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(r.body())
              .get("predictions")
              .get(0)
              .get("top");
      for (int i = 0; i < 2; i++) {
        assertThat("__label__" + top.get(i).get("label").asText()).isEqualTo(expected[2 * i]);
        assertThat((float) top.get(i).get("probability").asDouble())
            .isEqualTo(Float.parseFloat(expected[2 * i + 1]));
      }
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void sigtermLetsTheRequestInFlightFinish() throws Exception {
    Process p = serve("--model", "m=" + model);
    try {
      int port = awaitPort(p, "m");
      String body = "{\"instances\": [[1.2, 2.2]]}";
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(30_000);
        OutputStream o = s.getOutputStream();
        o.write(
            ("POST /v1/models/m:predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: "
                    + body.length()
                    + "\r\nConnection: close\r\n\r\n"
                    + body.substring(0, 10))
                .getBytes(StandardCharsets.US_ASCII));
        o.flush();
        awaitInFlight(port);
        p.destroy(); // SIGTERM
        awaitRefusal(port);
        assertThat(p.isAlive()).as("the server waits for the request in flight").isTrue();
        o.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
        o.flush();
        InputStream in = s.getInputStream();
        String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertThat(reply).startsWith("HTTP/1.1 200").contains("\"predictions\"");
      }
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("the server stopped").isTrue();
      assertThat(p.exitValue()).isIn(0, 143);
    } finally {
      p.destroyForcibly();
    }
  }
}
