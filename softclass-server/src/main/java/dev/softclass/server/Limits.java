package dev.softclass.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one request may ask of the server. A request over a limit gets a JSON error, never a 500:
 * body too large or too many instances 413, JSON nested too deep 400, over the time limit 503, no
 * prediction slot free within {@code queueTimeout} 429. Immutable.
 *
 * @param maxBodyBytes largest request body, in bytes (checked on {@code Content-Length} and while
 *     reading, so chunked bodies are bounded too)
 * @param maxInstances most instances in one predict request
 * @param maxJsonDepth deepest nesting of JSON arrays and objects (a valid request needs 4)
 * @param requestTimeout longest a predict request may take, from its arrival to its answer
 * @param maxConcurrent most predict requests being worked on at once
 * @param queueTimeout how long a predict request waits for a free slot before a 429
 */
public record Limits(
    long maxBodyBytes,
    int maxInstances,
    int maxJsonDepth,
    Duration requestTimeout,
    int maxConcurrent,
    Duration queueTimeout) {

  /** Depth of a valid request: body object, instances array, instance, sparse index array. */
  static final int MIN_JSON_DEPTH = 4;

  /** Largest body limit: a body is read into one array. */
  public static final long MAX_BODY_BYTES = 1L << 30;

  /** Checks every limit. */
  public Limits {
    if (maxBodyBytes < 64 || maxBodyBytes > MAX_BODY_BYTES) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be from 64 to " + MAX_BODY_BYTES + ", got " + maxBodyBytes);
    }
    if (maxInstances < 1) {
      throw new IllegalArgumentException("maxInstances must be at least 1, got " + maxInstances);
    }
    if (maxJsonDepth < MIN_JSON_DEPTH) {
      throw new IllegalArgumentException(
          "maxJsonDepth must be at least " + MIN_JSON_DEPTH + ", got " + maxJsonDepth);
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1, got " + maxConcurrent);
    }
    Objects.requireNonNull(requestTimeout);
    Objects.requireNonNull(queueTimeout);
    if (requestTimeout.isNegative() || requestTimeout.isZero() || queueTimeout.isNegative()) {
      throw new IllegalArgumentException("timeouts must be positive (the queue timeout may be 0)");
    }
  }

  /**
   * 4 MiB bodies, 1,000 instances, depth 16, 10 s per request, 64 predictions at once, 100 ms wait
   * for a slot.
   */
  public static Limits defaults() {
    return new Limits(4L << 20, 1000, 16, Duration.ofSeconds(10), 64, Duration.ofMillis(100));
  }

  /** These limits with another body size limit. */
  public Limits withMaxBodyBytes(long bytes) {
    return new Limits(
        bytes, maxInstances, maxJsonDepth, requestTimeout, maxConcurrent, queueTimeout);
  }

  /** These limits with another instance count limit. */
  public Limits withMaxInstances(int instances) {
    return new Limits(
        maxBodyBytes, instances, maxJsonDepth, requestTimeout, maxConcurrent, queueTimeout);
  }

  /** These limits with another nesting depth limit. */
  public Limits withMaxJsonDepth(int depth) {
    return new Limits(
        maxBodyBytes, maxInstances, depth, requestTimeout, maxConcurrent, queueTimeout);
  }

  /** These limits with another request timeout. */
  public Limits withRequestTimeout(Duration timeout) {
    return new Limits(
        maxBodyBytes, maxInstances, maxJsonDepth, timeout, maxConcurrent, queueTimeout);
  }

  /** These limits with another concurrency limit and queue wait. */
  public Limits withConcurrency(int concurrent, Duration queueWait) {
    return new Limits(
        maxBodyBytes, maxInstances, maxJsonDepth, requestTimeout, concurrent, queueWait);
  }
}
