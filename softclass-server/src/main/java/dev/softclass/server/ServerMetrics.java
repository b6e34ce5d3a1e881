package dev.softclass.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's Prometheus metrics (Micrometer):
 *
 * <ul>
 *   <li>{@code softclass_http_requests_seconds} (count, sum, histogram buckets) by method, route,
 *       status and model; {@code softclass_http_errors_total} by route and status;
 *   <li>{@code softclass_predict_instances_total}, {@code softclass_model_reloads_total} (by
 *       result), {@code softclass_model_version}, {@code softclass_model_load_seconds} (the last
 *       load) by model; {@code softclass_predict_in_flight};
 *   <li>the JVM: memory, garbage collection, threads, classes, CPU, uptime.
 * </ul>
 *
 * Tags take only known values (route names, served model names, status codes), so a client cannot
 * grow the number of series. Thread-safe.
 */
final class ServerMetrics implements AutoCloseable {
  /** The content type of the Prometheus text format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final ConcurrentHashMap<RequestKey, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<RequestKey, Counter> errors = new ConcurrentHashMap<>();

  private record RequestKey(String method, String route, int status, String model) {}

  ServerMetrics(ModelRegistry models, RequestGate gate) {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Gauge.builder("softclass.predict.in.flight", gate, RequestGate::inFlight)
        .description("predict requests being worked on")
        .register(registry);
    for (ServedModel m : models.all()) {
      FunctionCounter.builder("softclass.predict.instances", m, ServedModel::instances)
          .description("instances predicted")
          .tag("model", m.name())
          .register(registry);
      FunctionCounter.builder("softclass.model.reloads", m, ServedModel::reloads)
          .description("model reloads")
          .tags("model", m.name(), "result", "success")
          .register(registry);
      FunctionCounter.builder("softclass.model.reloads", m, ServedModel::failedReloads)
          .description("model reloads")
          .tags("model", m.name(), "result", "failure")
          .register(registry);
      Gauge.builder("softclass.model.version", m, s -> s.current().version())
          .description("1 at start, one more for each reload")
          .tag("model", m.name())
          .register(registry);
      Gauge.builder("softclass.model.load", m, s -> seconds(s.current().loadTime()))
          .description("how long the serving version of the model took to load")
          .baseUnit("seconds")
          .tag("model", m.name())
          .register(registry);
    }
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  /**
   * Records one answered request.
   *
   * @param route a fixed route name
   * @param model a served model name, or "" when the request named none (or an unknown one)
   */
  void record(String method, String route, int status, String model, long nanos) {
    RequestKey key = new RequestKey(method, route, status, model);
    timers
        .computeIfAbsent(
            key,
            k ->
                Timer.builder("softclass.http.requests")
                    .description("HTTP requests answered")
                    .tags(
                        "method", k.method(),
                        "route", k.route(),
                        "status", Integer.toString(k.status()),
                        "model", k.model())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
    if (status >= 400) {
      errors
          .computeIfAbsent(
              key,
              k ->
                  Counter.builder("softclass.http.errors")
                      .description("HTTP requests answered with an error status")
                      .tags("route", k.route(), "status", Integer.toString(k.status()))
                      .tag("model", k.model())
                      .register(registry))
          .increment();
    }
  }

  /** Every metric in the Prometheus text format. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
