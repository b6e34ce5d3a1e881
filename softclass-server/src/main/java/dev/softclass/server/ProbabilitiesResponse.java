package dev.softclass.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * The response body of the most common request — single-label predictions with every class's
 * probability — written byte by byte: the same bytes {@link PredictionWriter}'s Jackson generator
 * writes ({@code {"model":...,"model_version":...,"classes":[...],"predictions":[{"label":...,
 * "probabilities":[...]},...]}}), without the generator's per-value bookkeeping, which cost about
 * as much as formatting the numbers in a 100-instance batch. Class names are escaped once per
 * response by Jackson's own string encoder. Not thread-safe: one per response.
 */
final class ProbabilitiesResponse {
  private static final byte[] MODEL = ascii("{\"model\":");
  private static final byte[] VERSION = ascii(",\"model_version\":");
  private static final byte[] CLASSES = ascii(",\"classes\":[");
  private static final byte[] PREDICTIONS = ascii("],\"predictions\":[");
  private static final byte[] LABEL = ascii("{\"label\":");
  private static final byte[] PROBABILITIES = ascii(",\"probabilities\":[");

  private final byte[][] quotedClasses;
  private byte[] out;
  private int size;
  private int instances;

  /** Starts a response of model {@code name} (version {@code version}) with these classes. */
  ProbabilitiesResponse(String name, long version, List<String> classes, int expectedInstances) {
    out = new byte[256 + expectedInstances * (40 + 14 * classes.size())];
    quotedClasses = new byte[classes.size()][];
    for (int k = 0; k < quotedClasses.length; k++) {
      quotedClasses[k] = quoted(classes.get(k));
    }
    append(MODEL);
    append(quoted(name));
    append(VERSION);
    append(ascii(Long.toString(version)));
    append(CLASSES);
    for (int k = 0; k < quotedClasses.length; k++) {
      if (k > 0) {
        append((byte) ',');
      }
      append(quotedClasses[k]);
    }
    append(PREDICTIONS);
  }

  /**
   * The whole body for {@code count} instances of model {@code name}: {@code predict} gives
   * instance {@code i}'s probabilities (in class order) and {@code decide} its label; the deadline
   * is checked before each instance.
   *
   * @throws ApiError 503 if the deadline passes (and whatever {@code predict} throws)
   */
  static byte[] of(
      String name,
      long version,
      List<String> classes,
      int count,
      long deadline,
      IntFunction<double[]> predict,
      ToIntFunction<double[]> decide) {
    ProbabilitiesResponse out = new ProbabilitiesResponse(name, version, classes, count);
    for (int i = 0; i < count; i++) {
      if (RequestDeadline.passed(deadline)) {
        throw RequestDeadline.expired();
      }
      double[] p = predict.apply(i);
      out.add(decide.applyAsInt(p), p);
    }
    return out.toBytes();
  }

  /** Adds one instance: its decided class and its probabilities in class order. */
  void add(int label, double[] probabilities) {
    if (instances++ > 0) {
      append((byte) ',');
    }
    append(LABEL);
    append(quotedClasses[label]);
    append(PROBABILITIES);
    ensure(probabilities.length * (ShortestFloat.MAX_CHARS + 1) + 2);
    for (int k = 0; k < probabilities.length; k++) {
      if (k > 0) {
        out[size++] = ',';
      }
      size = ShortestFloat.write((float) probabilities[k], out, size);
    }
    out[size++] = ']';
    out[size++] = '}';
  }

  /** The finished body. */
  byte[] toBytes() {
    append((byte) ']');
    append((byte) '}');
    return Arrays.copyOf(out, size);
  }

  private static byte[] quoted(String s) {
    byte[] body = JsonStringEncoder.getInstance().quoteAsUTF8(s);
    byte[] q = new byte[body.length + 2];
    q[0] = '"';
    System.arraycopy(body, 0, q, 1, body.length);
    q[q.length - 1] = '"';
    return q;
  }

  private void append(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, out, size, bytes.length);
    size += bytes.length;
  }

  private void append(byte b) {
    ensure(1);
    out[size++] = b;
  }

  private void ensure(int more) {
    if (size + more > out.length) {
      out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
