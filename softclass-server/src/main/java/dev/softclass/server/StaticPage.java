package dev.softclass.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The page at {@code /} for trying the served models by hand: one HTML file, one script and one
 * style sheet shipped in the jar ({@code dev/softclass/server/ui/}), read once at start. No build
 * step and nothing fetched from elsewhere: the {@code Content-Security-Policy} allows only this
 * server.
 */
final class StaticPage {
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private final byte[] html = resource("index.html");
  private final byte[] script = resource("app.js");
  private final byte[] style = resource("app.css");

  void index(Context ctx) {
    send(ctx, html, "text/html; charset=utf-8");
  }

  void script(Context ctx) {
    send(ctx, script, "text/javascript; charset=utf-8");
  }

  void style(Context ctx) {
    send(ctx, style, "text/css; charset=utf-8");
  }

  private static void send(Context ctx, byte[] body, String type) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-cache");
    Responses.send(ctx, 200, type, body);
  }

  private static byte[] resource(String name) {
    String path = "ui/" + name;
    try (InputStream in = StaticPage.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + " from the jar", e);
    }
  }
}
