package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written response body is byte for byte what Jackson's generator writes. */
class ProbabilitiesResponseTest {
  private static final JsonFactory JACKSON =
      JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  @Test
  void sameBytesAsJacksonForAwkwardNamesAndRandomProbabilities() throws IOException {
    List<String> classes =
        List.of("0", "a \"quoted\" class", "back\\slash", "tab\there", "über", "日本", "\u0001", "");
    String name = "model \"x\"/é";
    SplittableRandom random = new SplittableRandom(3);
    double[][] p = new double[57][classes.size()];
    int[] labels = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      double sum = 0;
      for (int k = 0; k < classes.size(); k++) {
        p[i][k] = Math.exp(-random.nextDouble(0, 30));
        sum += p[i][k];
      }
      for (int k = 0; k < classes.size(); k++) {
        p[i][k] /= sum;
      }
      labels[i] = random.nextInt(classes.size());
    }

    ProbabilitiesResponse fast = new ProbabilitiesResponse(name, 42, classes, 3);
    for (int i = 0; i < p.length; i++) {
      fast.add(labels[i], p[i]);
    }

    ByteArrayBuilder buf = new ByteArrayBuilder();
    try (JsonGenerator g = JACKSON.createGenerator(buf)) {
      g.writeStartObject();
      g.writeStringField("model", name);
      g.writeNumberField("model_version", 42L);
      g.writeArrayFieldStart("classes");
      for (String c : classes) {
        g.writeString(c);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("predictions");
      for (int i = 0; i < p.length; i++) {
        g.writeStartObject();
        g.writeStringField("label", classes.get(labels[i]));
        g.writeArrayFieldStart("probabilities");
        for (double v : p[i]) {
          g.writeNumber((float) v);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    assertThat(new String(fast.toBytes(), StandardCharsets.UTF_8))
        .isEqualTo(new String(buf.toByteArray(), StandardCharsets.UTF_8));
  }
}
