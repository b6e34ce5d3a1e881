package dev.softclass.cli;

import dev.softclass.SoftclassException;
import dev.softclass.server.Limits;
import dev.softclass.server.ServerSettings;
import dev.softclass.server.SoftclassServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code softclass serve}: the HTTP prediction server, until SIGTERM or Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve models over HTTP: POST /v1/models/NAME:predict with {\"instances\": [...]},"
          + " GET /v1/models, /health/live, /health/ready, /metrics, and a page at / to try the"
          + " models by hand.",
      "A model file replaced while serving is reloaded (a bad one is refused and the old one"
          + " keeps serving). SIGTERM or Ctrl-C finishes the requests in flight, then stops."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "NAME=PATH",
      description =
          "A model to serve under NAME (repeat for more): a model or an ensemble, which takes"
              + " rows of features, or a text model, which takes strings.")
  Map<String, Path> models;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDR",
      description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      paramLabel = "N",
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--threads",
      defaultValue = "32",
      paramLabel = "N",
      description = "Most HTTP worker threads (default: ${DEFAULT-VALUE}; at least 4).")
  int threads;

  @Option(
      names = "--token-file",
      paramLabel = "F",
      description =
          "File holding a bearer token; then /v1 and /metrics need 'Authorization: Bearer TOKEN'.")
  Path tokenFile;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "4194304",
      paramLabel = "N",
      description = "Largest request body (default: ${DEFAULT-VALUE}); larger gets 413.")
  long maxBodyBytes;

  @Option(
      names = "--max-instances",
      defaultValue = "1000",
      paramLabel = "N",
      description = "Most instances per predict request (default: ${DEFAULT-VALUE}).")
  int maxInstances;

  @Option(
      names = "--max-concurrent",
      defaultValue = "64",
      paramLabel = "N",
      description = "Most predict requests worked on at once (default: ${DEFAULT-VALUE}).")
  int maxConcurrent;

  @Option(
      names = "--timeout-ms",
      defaultValue = "10000",
      paramLabel = "MS",
      description = "Time limit of a predict request (default: ${DEFAULT-VALUE}); over it: 503.")
  long timeoutMs;

  @Option(
      names = "--watch-ms",
      defaultValue = "1000",
      paramLabel = "MS",
      description =
          "How often model files are checked for changes (default: ${DEFAULT-VALUE}; 0: never).")
  long watchMs;

  @Override
  public Integer call() throws InterruptedException {
    ServerSettings settings;
    try {
      Limits limits =
          Limits.defaults()
              .withMaxBodyBytes(maxBodyBytes)
              .withMaxInstances(maxInstances)
              .withRequestTimeout(Duration.ofMillis(timeoutMs))
              .withConcurrency(maxConcurrent, Limits.defaults().queueTimeout());
      settings =
          ServerSettings.defaults()
              .withAddress(host, port)
              .withThreads(threads)
              .withToken(tokenFile == null ? null : readToken(tokenFile))
              .withLimits(limits)
              .withWatchInterval(Duration.ofMillis(watchMs));
    } catch (IllegalArgumentException e) {
      throw new SoftclassException("serve: " + e.getMessage(), e);
    }
    SoftclassServer server = SoftclassServer.start(models, settings);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "softclass-shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "serving "
            + String.join(", ", models.keySet())
            + " at "
            + server.url()
            + "/ (SIGTERM or Ctrl-C stops after the requests in flight)");
    out.flush();
    server.awaitStop();
    return 0;
  }

  private static String readToken(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new SoftclassException("cannot read the token file " + file + ": " + e, e);
    }
    if (token.isEmpty()) {
      throw new SoftclassException("the token file " + file + " is empty: put the token in it");
    }
    return token;
  }
}
