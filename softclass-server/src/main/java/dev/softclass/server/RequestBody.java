package dev.softclass.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body into memory, never more than the limit: a {@code Content-Length} over the
 * limit is refused before reading, and a chunked body is refused as soon as it passes the limit.
 * Between reads the request's deadline is checked, so a body sent slowly ends in a 503.
 */
final class RequestBody {
  private RequestBody() {}

  /**
   * The error for a body whose stream failed: past the deadline (Jetty's idle timeout matches the
   * request time limit) it is the 503 of a slow request; otherwise a 400 in the client's terms, not
   * the name of a Java exception.
   */
  static ApiError unreadable(IOException e, long deadline) {
    if (RequestDeadline.passed(deadline) || e.getCause() instanceof TimeoutException) {
      return RequestDeadline.expired();
    }
    return ApiError.badRequest(
        "the request body could not be read (the connection failed or closed before the body"
            + " was complete)");
  }

  /** Refuses a declared length over the limit (call before waiting for a prediction slot). */
  static void checkDeclaredLength(long declared, long max) {
    if (declared > max) {
      throw tooLarge(max);
    }
  }

  /**
   * @param in the body stream
   * @param declared the {@code Content-Length}, or -1 if not given (chunked)
   * @param max the most bytes allowed
   * @param deadline {@link System#nanoTime()} after which the request has timed out
   * @return exactly the body's bytes
   * @throws ApiError 413 over the limit, 503 past the deadline, 400 if the body cannot be read
   */
  static byte[] read(InputStream in, long declared, long max, long deadline) {
    checkDeclaredLength(declared, max);
    byte[] buf = new byte[declared >= 0 ? (int) declared : (int) Math.min(max, 8192)];
    int n = 0;
    try {
      while (true) {
        if (n == buf.length) {
          if (declared >= 0) {
            return buf;
          }
          if (n >= max) {
            if (in.read() >= 0) {
              throw tooLarge(max);
            }
            return buf;
          }
          buf = Arrays.copyOf(buf, (int) Math.min(max, 2L * buf.length));
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
        if (RequestDeadline.passed(deadline)) {
          throw RequestDeadline.expired();
        }
      }
    } catch (IOException e) {
      throw unreadable(e, deadline);
    }
    if (declared >= 0 && n < declared) {
      throw ApiError.badRequest(
          "the request body ended after " + n + " of the " + declared + " bytes announced");
    }
    return n == buf.length ? buf : Arrays.copyOf(buf, n);
  }

  /**
   * Reads and drops what is left of a body that will not be used (a request refused before or while
   * reading it), so the connection can carry the next request.
   *
   * @return whether the body was read to its end within {@code max} bytes; if not, the caller
   *     should close the connection
   */
  static boolean discardRest(InputStream in, long declared, long max) {
    if (declared > max) {
      return false;
    }
    byte[] buf = new byte[8192];
    long total = 0;
    try {
      for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
        total += r;
        if (total > max) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static ApiError tooLarge(long max) {
    return ApiError.tooLarge(
        "the request body is larger than the limit of "
            + max
            + " bytes: send fewer instances per request");
  }
}
