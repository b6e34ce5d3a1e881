package dev.softclass.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a request line or header Jetty cannot parse, a URI it refuses) answered in
 * the server's JSON error format instead of Jetty's HTML page, so every client mistake gets the
 * same kind of answer.
 */
final class JsonErrorHandler extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request, Response response, int code, String message, Throwable cause, Callback cb) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(Json.error(code, text(code, message))), cb);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Json.CONTENT_TYPE);
    return ByteBuffer.wrap(Json.error(status, text(status, reason)));
  }

  private static String text(int code, String message) {
    return message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
  }
}
