package dev.softclass.server;

import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a finished body straight to the servlet response with its {@code Content-Length}.
 * Javalin's {@code ctx.result(byte[])} would copy it through an {@code InputStream} with a fresh 8
 * KiB buffer per request, which showed in the profile of the single-instance benchmark.
 */
final class Responses {
  private static final Logger LOG = LoggerFactory.getLogger(Responses.class);

  private Responses() {}

  static void send(Context ctx, int status, String contentType, byte[] body) {
    HttpServletResponse res = ctx.res();
    res.setStatus(status);
    res.setContentType(contentType);
    res.setContentLength(body.length);
    try {
      res.getOutputStream().write(body);
    } catch (IOException e) {
      // the client went away: nothing more can be sent to it, and it is not the server's fault
      LOG.debug("response to {} not written: {}", ctx.path(), e.toString());
    }
  }
}
