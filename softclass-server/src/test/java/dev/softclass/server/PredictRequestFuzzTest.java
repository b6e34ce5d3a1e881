package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.softclass.Model;
import java.time.Duration;
import java.time.Instant;

/**
 * Fuzzes the predict request parser with request bodies for the wine model (13 named features, 3
 * classes). A body either is refused with an {@link ApiError} of status 400, 413 or 422 (a client
 * mistake, never a 500) or gives instances whose probabilities are finite and sum to 1. Seeds are
 * real request bodies in {@code PredictRequestFuzzTestInputs/fuzz/}.
 */
class PredictRequestFuzzTest {
  private static final Model WINE = TestModels.wine();
  private static final ModelSnapshot SNAP =
      new ModelSnapshot(WINE, 1, Instant.now(), Duration.ZERO);
  private static final PredictRequestParser PARSER = new PredictRequestParser(Limits.defaults());

  @FuzzTest(maxDuration = "3s")
  void fuzz(byte[] body) {
    check(body);
  }

  /** Entry point of the standalone Jazzer driver, for long campaigns (bench/fuzz.sh). */
  public static void fuzzerTestOneInput(byte[] body) {
    check(body);
  }

  private static void check(byte[] body) {
    long farFuture = System.nanoTime() + Duration.ofHours(1).toNanos();
    PredictRequest request;
    try {
      request = PARSER.parse(body, "wine", SNAP, farFuture);
    } catch (ApiError refused) {
      assertThat(refused.status()).isIn(400, 413, 422);
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    assertThat(request.instances()).isNotEmpty();
    for (Instance instance : request.instances()) {
      double sum = 0;
      for (double p : instance.predictProba(WINE)) {
        assertThat(p).isBetween(0.0, 1.0);
        sum += p;
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }
  }
}
