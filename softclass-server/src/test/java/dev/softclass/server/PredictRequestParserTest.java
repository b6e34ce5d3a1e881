package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.softclass.Model;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The request parser on its own: numbers of every JSON form, and the deadline. */
class PredictRequestParserTest {
  private final Model wine = TestModels.wine();
  private final ModelSnapshot snap = new ModelSnapshot(wine, 1, Instant.now(), Duration.ZERO);
  private final PredictRequestParser parser = new PredictRequestParser(Limits.defaults());
  private static final long FAR = System.nanoTime() + Duration.ofHours(1).toNanos();

  private PredictRequest parse(String json, long deadline) {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8), "wine", snap, deadline);
  }

  @Test
  void everyJsonNumberFormBecomesTheNearestFloat() {
    String row = "[13, -2, 2.5, 1e1, 1.5E-3, 3000000000, 16777217, 0.1, -0.0, 7, 8, 9, 1000]";
    Instance.Dense d =
        (Instance.Dense) parse("{\"instances\": [" + row + "]}", FAR).instances().get(0);
    assertThat(d.row())
        .containsExactly(
            13f, -2f, 2.5f, 10f, 1.5e-3f, 3e9f, 16777216f, 0.1f, -0f, 7f, 8f, 9f, 1000f);
  }

  @Test
  void defaultTopKDependsOnTheNumberOfClasses() {
    String row = "[13, 2, 2.5, 10, 100, 2, 2, 0.3, 1.5, 5, 1, 3, 1000]";
    assertThat(parse("{\"instances\": [" + row + "]}", FAR).topK()).isZero();
    assertThat(parse("{\"top_k\": 2, \"instances\": [" + row + "]}", FAR).topK()).isEqualTo(2);
  }

  @Test
  void aRequestPastItsDeadlineStopsWithA503() {
    String row = "[13, 2, 2.5, 10, 100, 2, 2, 0.3, 1.5, 5, 1, 3, 1000]";
    assertThatThrownBy(() -> parse("{\"instances\": [" + row + "]}", System.nanoTime() - 1))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(503));
  }

  @Test
  void bytesThatAreNotUnicodeAreABadRequest() {
    // Four zero bytes make Jackson read UTF-32; 0x7b21696e is no Unicode character (a fuzz find).
    byte[] body = {0, 0, 0, '{', 0x7b, 0x21, 0x69, 0x6e};
    assertThatThrownBy(() -> parser.parse(body, "wine", snap, FAR))
        .isInstanceOfSatisfying(
            ApiError.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains("not valid Unicode text");
            });
  }
}
