package dev.softclass.server;

/**
 * The time limit of one request, as a {@link System#nanoTime()} value: the body reader, the parser
 * and the predictor check it between units of work, so a slow body or a huge batch ends in a 503
 * rather than holding a worker thread.
 */
final class RequestDeadline {
  private RequestDeadline() {}

  /** Whether {@code deadline} has passed. */
  static boolean passed(long deadline) {
    return System.nanoTime() - deadline > 0;
  }

  /** The error for a request over its time limit. */
  static ApiError expired() {
    return ApiError.unavailable(
        "the request did not finish within the server's time limit: send fewer instances per"
            + " request, or send the body faster");
  }
}
