package dev.softclass.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How the server listens and behaves: address, worker threads, optional bearer token, request
 * limits, how often model files are checked for changes, and how long shutdown waits for requests
 * in flight. Immutable.
 *
 * @param host address to bind; {@code 127.0.0.1} (loopback only) unless told otherwise
 * @param port TCP port; 0 picks a free one (see {@link SoftclassServer#port()})
 * @param threads most HTTP worker threads (at least 4: Jetty needs some for accepting and
 *     selecting)
 * @param token bearer token every {@code /v1} and {@code /metrics} request must carry, or {@code
 *     null} for none
 * @param limits per-request limits
 * @param watchInterval how often model files are checked for replacement; {@link Duration#ZERO}
 *     turns watching off (reload with {@code POST /v1/models/NAME:reload})
 * @param drainTimeout how long shutdown waits for requests in flight to finish
 */
public record ServerSettings(
    String host,
    int port,
    int threads,
    String token,
    Limits limits,
    Duration watchInterval,
    Duration drainTimeout) {

  /** Fewest worker threads Jetty can run with one acceptor and one selector. */
  public static final int MIN_THREADS = 4;

  /** Checks the settings. */
  public ServerSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(watchInterval, "watchInterval");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
    }
    if (threads < MIN_THREADS) {
      throw new IllegalArgumentException(
          "threads must be at least " + MIN_THREADS + ", got " + threads);
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("the token must not be blank");
    }
    if (watchInterval.isNegative() || drainTimeout.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /**
   * Loopback on port 8080, 32 worker threads, no token, {@link Limits#defaults()}, model files
   * checked every second, 30 s to drain on shutdown.
   */
  public static ServerSettings defaults() {
    return new ServerSettings(
        "127.0.0.1",
        8080,
        32,
        null,
        Limits.defaults(),
        Duration.ofSeconds(1),
        Duration.ofSeconds(30));
  }

  /** These settings with another address. */
  public ServerSettings withAddress(String newHost, int newPort) {
    return new ServerSettings(
        newHost, newPort, threads, token, limits, watchInterval, drainTimeout);
  }

  /** These settings with another worker thread count. */
  public ServerSettings withThreads(int n) {
    return new ServerSettings(host, port, n, token, limits, watchInterval, drainTimeout);
  }

  /** These settings with a bearer token ({@code null} for none). */
  public ServerSettings withToken(String newToken) {
    return new ServerSettings(host, port, threads, newToken, limits, watchInterval, drainTimeout);
  }

  /** These settings with other limits. */
  public ServerSettings withLimits(Limits newLimits) {
    return new ServerSettings(host, port, threads, token, newLimits, watchInterval, drainTimeout);
  }

  /** These settings with another model file check interval ({@code ZERO}: no watching). */
  public ServerSettings withWatchInterval(Duration interval) {
    return new ServerSettings(host, port, threads, token, limits, interval, drainTimeout);
  }

  /** These settings with another drain timeout. */
  public ServerSettings withDrainTimeout(Duration timeout) {
    return new ServerSettings(host, port, threads, token, limits, watchInterval, timeout);
  }
}
