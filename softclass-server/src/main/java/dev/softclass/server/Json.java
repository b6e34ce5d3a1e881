package dev.softclass.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/** JSON for the small answers (metadata, health, errors); predictions use a streaming writer. */
final class Json {
  /** The content type of every JSON answer. */
  static final String CONTENT_TYPE = "application/json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static byte[] bytes(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** {@code {"status": 422, "error": "Unprocessable Entity", "message": "..."}}. */
  static byte[] error(int status, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("error", HttpStatus.getMessage(status));
    m.put("message", message);
    return bytes(m);
  }
}
