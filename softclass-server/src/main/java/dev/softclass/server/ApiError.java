package dev.softclass.server;

import java.util.Map;

/**
 * A request the server refuses: an HTTP status (4xx, or 503 when the server cannot serve now) and a
 * message saying what was wrong and what to send instead. Sent as {@code {"status": 422, "error":
 * "Unprocessable Entity", "message": "..."}}.
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Map<String, String> headers;

  ApiError(int status, String message) {
    this(status, message, Map.of());
  }

  ApiError(int status, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  int status() {
    return status;
  }

  /** Extra response headers, such as {@code Retry-After} or {@code WWW-Authenticate}. */
  Map<String, String> headers() {
    return headers;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  static ApiError notFound(String message) {
    return new ApiError(404, message);
  }

  static ApiError tooLarge(String message) {
    return new ApiError(413, message);
  }

  static ApiError unprocessable(String message) {
    return new ApiError(422, message);
  }

  static ApiError unavailable(String message) {
    return new ApiError(503, message, Map.of("Retry-After", "1"));
  }
}
