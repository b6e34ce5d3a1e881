package dev.softclass.server;

import dev.softclass.SoftclassException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.util.JavalinException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Softclass prediction server: Javalin on Jetty, serving model files under names.
 *
 * <pre>{@code
 * try (SoftclassServer server = SoftclassServer.start(
 *     Map.of("digits", Path.of("digits.softclass")), ServerSettings.defaults().withAddress("127.0.0.1", 0))) {
 *   System.out.println(server.url());   // http://127.0.0.1:PORT
 *   server.awaitStop();
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code POST /v1/models/NAME:predict}, {@code POST /v1/models/NAME:reload}, {@code
 * GET /v1/models}, {@code GET /v1/models/NAME}, {@code GET /health/live}, {@code GET
 * /health/ready}, {@code GET /metrics} (Prometheus), and the page at {@code /}. Every error is a
 * JSON object with {@code status}, {@code error} and {@code message}. {@link #close()} drains:
 * requests in flight finish (up to the drain timeout), new ones get a 503. Thread-safe.
 */
public final class SoftclassServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SoftclassServer.class);

  /** Paths anyone may fetch when a token is configured: the page and the health checks. */
  private static final Set<String> OPEN_PATHS =
      Set.of("/", "/ui/app.js", "/ui/app.css", "/health/live", "/health/ready");

  private final ServerSettings settings;
  private final ModelRegistry models;
  private final RequestGate gate;
  private final ServerMetrics metrics;
  private final ModelWatcher watcher;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final GracefulHandler graceful = new GracefulHandler();
  private final Javalin app;

  private SoftclassServer(Map<String, Path> files, ServerSettings settings) {
    this.settings = settings;
    this.models = ModelRegistry.load(files);
    Limits limits = settings.limits();
    this.gate = new RequestGate(limits.maxConcurrent(), limits.queueTimeout());
    this.metrics = new ServerMetrics(models, gate);
    ModelEndpoints endpoints = new ModelEndpoints(models, limits, gate);
    StaticPage page = new StaticPage();
    BearerAuth auth = settings.token() == null ? null : new BearerAuth(settings.token());
    this.app = Javalin.create(cfg -> configure(cfg, endpoints, page, auth));
    try {
      app.start();
    } catch (JavalinException | IllegalStateException e) {
      metrics.close();
      throw new SoftclassException(
          "cannot listen on "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + rootMessage(e)
              + " (is another server using the port?)",
          e);
    }
    for (Connector c : app.jettyServer().server().getConnectors()) {
      if (c instanceof ServerConnector sc) {
        sc.setIdleTimeout(Math.max(1000, limits.requestTimeout().toMillis()));
      }
    }
    this.watcher =
        settings.watchInterval().isZero()
            ? null
            : new ModelWatcher(models, settings.watchInterval());
  }

  /**
   * Loads the models and starts serving.
   *
   * @param files model name to model file, in the order to list them
   * @param settings address, threads, token and limits
   * @throws SoftclassException if a model file cannot be read, a name is not allowed, or the
   *     address cannot be bound
   */
  public static SoftclassServer start(Map<String, Path> files, ServerSettings settings) {
    return new SoftclassServer(new LinkedHashMap<>(files), settings);
  }

  /** The port the server listens on (the one picked, if the settings said 0). */
  public int port() {
    return app.port();
  }

  /** The server's base URL, such as {@code http://127.0.0.1:8080}. */
  public String url() {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return "http://" + host + ":" + port();
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * Stops gracefully: readiness turns to 503, new requests get a 503 with {@code Connection:
   * close}, requests in flight finish (waiting up to the drain timeout), then the port and any idle
   * keep-alive connections are closed. Safe to call more than once and from a shutdown hook.
   */
  @Override
  public void close() {
    if (!draining.compareAndSet(false, true)) {
      return;
    }
    LOG.info("shutting down: finishing requests in flight");
    try {
      if (watcher != null) {
        watcher.close();
      }
      awaitRequestsInFlight();
      // Drained: stop now rather than wait for idle keep-alive connections to time out.
      app.jettyServer().server().setStopTimeout(0);
      app.stop();
      metrics.close();
      LOG.info("stopped");
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Waits until no request is in flight (new ones are answered 503 meanwhile), up to the drain
   * timeout.
   */
  private void awaitRequestsInFlight() {
    long end = System.nanoTime() + settings.drainTimeout().toNanos();
    while (graceful.getCurrentRequestCount() > 0 && System.nanoTime() - end < 0) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void configure(
      JavalinConfig cfg, ModelEndpoints endpoints, StaticPage page, BearerAuth auth) {
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.jetty.host = settings.host();
    cfg.jetty.port = settings.port();
    QueuedThreadPool pool =
        new QueuedThreadPool(settings.threads(), Math.min(8, settings.threads()), 60_000);
    pool.setName("softclass-http");
    cfg.jetty.threadPool = pool;
    cfg.jetty.modifyServer(
        server -> {
          // Javalin nests its handler inside this one, which counts the requests in flight
          server.setHandler(graceful);
          server.setErrorHandler(new JsonErrorHandler());
        });
    cfg.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
    cfg.http.compressionStrategy = CompressionStrategy.NONE;
    cfg.http.prefer405over404 = true;
    cfg.requestLogger.http(
        (ctx, ms) -> {
          String route = ctx.attribute(ModelEndpoints.ROUTE);
          ServedModel m = ctx.attribute(ModelEndpoints.MODEL);
          metrics.record(
              ctx.method().name(),
              route == null ? "unmatched" : route,
              ctx.statusCode(),
              m == null ? "" : m.name(),
              (long) (ms * 1e6));
        });
    cfg.routes.before(
        ctx -> {
          if (draining.get() && !ctx.path().equals("/health/live")) {
            ctx.header("Connection", "close");
            throw ApiError.unavailable("the server is shutting down");
          }
          if (auth != null && !OPEN_PATHS.contains(ctx.path())) {
            auth.check(ctx.header("Authorization"));
          }
        });
    cfg.routes.get("/", page::index);
    cfg.routes.get("/ui/app.js", page::script);
    cfg.routes.get("/ui/app.css", page::style);
    cfg.routes.get("/health/live", ctx -> health(ctx, "live"));
    cfg.routes.get("/health/ready", this::ready);
    cfg.routes.get("/metrics", this::scrape);
    cfg.routes.get("/v1/models", endpoints::list);
    cfg.routes.get("/v1/models/{target}", endpoints::describe);
    cfg.routes.post("/v1/models/{target}", endpoints::action);
    cfg.routes.exception(ApiError.class, this::refuse);
    cfg.routes.exception(HttpResponseException.class, this::refuseRouting);
    cfg.routes.exception(Exception.class, this::fail);
  }

  private static void health(Context ctx, String status) {
    ctx.attribute(ModelEndpoints.ROUTE, "health");
    ModelEndpoints.send(ctx, 200, Map.of("status", status));
  }

  private void ready(Context ctx) {
    ctx.attribute(ModelEndpoints.ROUTE, "health");
    Map<String, Object> versions = new LinkedHashMap<>();
    for (ServedModel m : models.all()) {
      versions.put(m.name(), m.current().version());
    }
    ModelEndpoints.send(ctx, 200, Map.of("status", "ready", "models", versions));
  }

  private void scrape(Context ctx) {
    ctx.attribute(ModelEndpoints.ROUTE, "metrics");
    Responses.send(
        ctx, 200, ServerMetrics.CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }

  private void refuse(ApiError e, Context ctx) {
    e.headers().forEach(ctx::header);
    ServedModel m = ctx.attribute(ModelEndpoints.MODEL);
    if (m != null) {
      m.countError();
    }
    sendError(ctx, e.status(), e.getMessage());
  }

  private void refuseRouting(HttpResponseException e, Context ctx) {
    String message =
        switch (e.getStatus()) {
          case 404 ->
              "no endpoint "
                  + ctx.method()
                  + " "
                  + ctx.path()
                  + ": see GET /v1/models, POST /v1/models/NAME:predict, GET /health/ready,"
                  + " GET /metrics";
          case 405 -> ctx.method() + " is not allowed on " + ctx.path();
          default -> e.getMessage();
        };
    sendError(ctx, e.getStatus(), message);
  }

  private void fail(Exception e, Context ctx) {
    LOG.error("internal error on {} {}", ctx.method(), ctx.path(), e);
    sendError(ctx, 500, "internal error: this is a bug in Softclass; the server log has details");
  }

  /**
   * Sends an error. A request refused before its body was read has the rest of its body read and
   * dropped first, so a keep-alive client can send its next request on the same connection; a body
   * over the limit, a timed-out request or a shutting-down server closes the connection instead,
   * and says so in the response.
   */
  private void sendError(Context ctx, int status, String message) {
    boolean keep =
        status != 503
            && RequestBody.discardRest(
                bodyStream(ctx),
                ctx.req().getContentLengthLong(),
                settings.limits().maxBodyBytes());
    if (!keep) {
      ctx.header("Connection", "close");
    }
    Responses.send(ctx, status, Json.CONTENT_TYPE, Json.error(status, message));
  }

  private static InputStream bodyStream(Context ctx) {
    try {
      return ctx.req().getInputStream();
    } catch (IOException e) {
      return InputStream.nullInputStream();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
