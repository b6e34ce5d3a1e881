package dev.softclass.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A predict request over a raw socket whose chunked body is sent in two parts, so a test can hold
 * the request in flight on the server (between the parts) for as long as it likes.
 */
final class HeldRequest implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;

  /** The answer. */
  record Answer(int status, String body, JsonNode json) {}

  private HeldRequest(int port, String path, String firstPart) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    out = socket.getOutputStream();
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    chunk(firstPart);
    out.flush();
  }

  /** Sends the headers and {@code firstPart} of the body. */
  static HeldRequest start(int port, String path, String firstPart) throws IOException {
    return new HeldRequest(port, path, firstPart);
  }

  /**
   * Sends the rest of the body and reads the answer. A server that answered early (a request past
   * its time limit) may have closed the connection already; its answer is still read.
   */
  Answer finish(String rest) throws IOException {
    try {
      chunk(rest);
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (SocketException e) {
      // the answer came before the end of the body
    }
    return read(socket.getInputStream());
  }

  private void chunk(String part) throws IOException {
    byte[] b = part.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(b);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads one HTTP/1.1 answer from {@code in}. */
  static Answer read(InputStream in) throws IOException {
    String statusLine = line(in);
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    int length = -1;
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).strip());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (chunked) {
      for (int n = Integer.parseInt(line(in).strip(), 16); n > 0; ) {
        body.write(in.readNBytes(n));
        line(in);
        n = Integer.parseInt(line(in).strip(), 16);
      }
    } else if (length >= 0) {
      body.write(in.readNBytes(length));
    }
    String text = body.toString(StandardCharsets.UTF_8);
    JsonNode json = text.startsWith("{") ? TestServer.JSON.readTree(text) : null;
    return new Answer(status, text, json);
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the connection closed in the middle of the answer");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
