package dev.softclass.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured token, in constant time (so
 * the comparison leaks nothing about how much of a guess was right). Thread-safe.
 */
final class BearerAuth {
  private static final String PREFIX = "Bearer ";

  private final byte[] expected;

  BearerAuth(String token) {
    this.expected = token.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * @param header the {@code Authorization} header, or {@code null}
   * @throws ApiError 401 with {@code WWW-Authenticate} if the token is missing or wrong
   */
  void check(String header) {
    if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw unauthorized("this server needs a bearer token: send 'Authorization: Bearer TOKEN'");
    }
    byte[] given = header.substring(PREFIX.length()).strip().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, expected)) {
      throw unauthorized("the bearer token is not the one this server was started with");
    }
  }

  private static ApiError unauthorized(String message) {
    return new ApiError(401, message, Map.of("WWW-Authenticate", "Bearer realm=\"softclass\""));
  }
}
