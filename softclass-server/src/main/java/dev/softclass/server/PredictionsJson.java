package dev.softclass.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.util.List;

/**
 * The frame of a predictions answer that {@link PredictionWriter} and {@link TextPredictionWriter}
 * write with Jackson's streaming generator, {@code {"model": ..., "model_version": ..., "classes":
 * [...], "predictions": [{...}, ...]}}, each instance's fields written by the caller. Thread-safe.
 */
final class PredictionsJson {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  /** Writes the fields of instance {@code i}'s object in {@code "predictions"}. */
  @FunctionalInterface
  interface InstanceFields {
    void write(JsonGenerator g, int i) throws IOException;
  }

  private PredictionsJson() {}

  /**
   * The whole body for {@code count} instances; the deadline is checked before each instance.
   *
   * @param name the model's served name
   * @param snap the snapshot the request was parsed against
   * @param classes the model's classes
   * @param count how many instances
   * @param expectedBytes the first size of the buffer
   * @param deadline {@link System#nanoTime()} after which the request has timed out
   * @param fields writes one instance's fields
   * @return the response body (UTF-8 JSON)
   * @throws ApiError 503 if the deadline passes (and whatever {@code fields} throws)
   */
  static byte[] write(
      String name,
      ModelSnapshot snap,
      List<String> classes,
      int count,
      int expectedBytes,
      long deadline,
      InstanceFields fields) {
    ByteArrayBuilder buf = new ByteArrayBuilder(expectedBytes);
    try (JsonGenerator g = FACTORY.createGenerator(buf)) {
      g.writeStartObject();
      g.writeStringField("model", name);
      g.writeNumberField("model_version", snap.version());
      g.writeArrayFieldStart("classes");
      for (String c : classes) {
        g.writeString(c);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("predictions");
      for (int i = 0; i < count; i++) {
        if (RequestDeadline.passed(deadline)) {
          throw RequestDeadline.expired();
        }
        g.writeStartObject();
        fields.write(g, i);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("writing JSON to memory cannot fail this way", e);
    }
    return buf.toByteArray();
  }

  /** One entry of a {@code "top"} list: {@code {"label": ..., "probability": ...}}. */
  static void writeTopEntry(JsonGenerator g, String label, double probability) throws IOException {
    g.writeStartObject();
    g.writeStringField("label", label);
    g.writeNumberField("probability", (float) probability);
    g.writeEndObject();
  }
}
