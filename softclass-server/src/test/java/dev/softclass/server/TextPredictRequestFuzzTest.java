package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.softclass.text.TextModel;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.assertj.core.data.Offset;

/**
 * Fuzzes the predict request parser and the text writer with request bodies for a text model (8
 * languages). A body either is refused with an {@link ApiError} of status 400, 413 or 422 (a client
 * mistake, never a 500) or gives, for each instance, a label of the model and probabilities in [0,
 * 1] that sum to 1 (at most 1 for a top-k). Seeds are real request bodies in {@code
 * TextPredictRequestFuzzTestInputs/fuzz/}.
 */
class TextPredictRequestFuzzTest {
  private static final TextModel LANGUAGES = TestModels.languagesShort();
  private static final ModelSnapshot SNAP =
      new ModelSnapshot(LANGUAGES, 1, Instant.now(), Duration.ZERO);
  private static final PredictRequestParser PARSER = new PredictRequestParser(Limits.defaults());
  private static final TextPredictionWriter WRITER = new TextPredictionWriter();

  @FuzzTest(maxDuration = "3s")
  void fuzz(byte[] body) throws IOException {
    long farFuture = System.nanoTime() + Duration.ofHours(1).toNanos();
    byte[] answer;
    try {
      PredictRequest request = PARSER.parse(body, "lang", SNAP, farFuture);
      answer = WRITER.write("lang", SNAP, request, farFuture);
    } catch (ApiError refused) {
      assertThat(refused.status()).isIn(400, 413, 422);
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    for (JsonNode p : TestServer.JSON.readTree(answer).get("predictions")) {
      assertThat(p.get("label").asText()).isIn(LANGUAGES.classes());
      boolean all = p.has("probabilities");
      double sum = 0;
      for (JsonNode v : all ? p.get("probabilities") : p.findValues("probability")) {
        assertThat(v.asDouble()).isBetween(0.0, 1.0);
        sum += v.asDouble();
      }
      assertThat(sum).isLessThan(1 + 1e-5);
      if (all) {
        assertThat(sum).isCloseTo(1.0, Offset.offset(1e-5));
      }
    }
  }
}
