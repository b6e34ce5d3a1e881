package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path for dense numeric batches: exact floats, and it steps aside for anything else. */
class DenseBatchScannerTest {
  private static final long FAR = System.nanoTime() + Duration.ofHours(1).toNanos();

  private static DenseBatchScanner.Batch scan(String body, int d) {
    return DenseBatchScanner.scan(body.getBytes(StandardCharsets.UTF_8), d, 1000, 3, FAR);
  }

  private static float one(String number) {
    DenseBatchScanner.Batch b = scan("{\"instances\":[[" + number + "]]}", 1);
    assertThat(b).as(number).isNotNull();
    return ((Instance.Dense) b.instances().get(0)).row()[0];
  }

  @Test
  void readsRowsAndTopK() {
    DenseBatchScanner.Batch b =
        scan(" {\n\"top_k\" : 2 ,\t\"instances\":[ [1, 2.5,-3e2] ,[0,-0.0, 1E-3]] }\r\n", 3);
    assertThat(b.topK()).isEqualTo(2);
    assertThat(b.instances()).hasSize(2);
    assertThat(((Instance.Dense) b.instances().get(0)).row()).containsExactly(1f, 2.5f, -300f);
    assertThat(((Instance.Dense) b.instances().get(1)).row()).containsExactly(0f, -0f, 1e-3f);
    assertThat(scan("{\"instances\":[[1,2,3]]}", 3).topK()).isEqualTo(-1);
  }

  @Test
  void oneAndTwoDigitIntegersBesideWhatEndsThem() {
    DenseBatchScanner.Batch b =
        scan("{\"instances\":[[7,42,0,99],[5 ,12\n,3e1,10.5],[100,-4,0.0,1]]}", 4);
    assertThat(b.instances())
        .extracting(i -> ((Instance.Dense) i).row())
        .containsExactly(
            new float[] {7, 42, 0, 99},
            new float[] {5, 12, 30, 10.5f},
            new float[] {100, -4, 0, 1});
    assertThat(scan("{\"instances\":[[05,1]]}", 2)).isNull();
    assertThat(scan("{\"instances\":[[00,1]]}", 2)).isNull();
    assertThat(scan("{\"instances\":[[1,2,]]}", 2)).isNull();
  }

  @Test
  void everyNumberIsTheCorrectlyRoundedFloatOfItsText() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 200_000; i++) {
      String text = randomNumber(random);
      assertThat(one(text)).as(text).isEqualTo(Float.parseFloat(text));
    }
  }

  @Test
  void decimalsAtAndBesideTheHalfwayPointBetweenTwoFloatsRoundAsParseFloat() {
    // The one case a double-then-float conversion can get wrong: the exact midpoint of two
    // floats, and decimals a hair above or below it.
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      float f = Float.intBitsToFloat(0x00800000 + random.nextInt(0x7e000000));
      BigDecimal mid =
          new BigDecimal(f).add(new BigDecimal(Math.nextUp(f))).divide(BigDecimal.valueOf(2));
      for (BigDecimal v :
          new BigDecimal[] {
            mid,
            mid.round(new MathContext(17)),
            mid.round(new MathContext(9)),
            mid.round(new MathContext(12))
          }) {
        String text = v.toString();
        if (text.length() < 40) {
          assertThat(one(text)).as(text).isEqualTo(Float.parseFloat(text));
        }
      }
    }
  }

  @Test
  void minusZeroIsAsTheGeneralParserReadsIt() {
    assertThat(one("-0")).isEqualTo(0f); // an integer token: int 0
    assertThat(one("-0.0")).isEqualTo(-0f);
    assertThat(one("-0e3")).isEqualTo(-0f);
    assertThat(one("-16777216")).isEqualTo(-16777216f);
    assertThat(one("16777217")).isEqualTo(16777216f);
  }

  @Test
  void numbersAFloatCannotHoldAreLeftToTheGeneralParser() {
    assertThat(scan("{\"instances\":[[1e39]]}", 1)).isNull();
    assertThat(one("1e-50")).isEqualTo(0f);
    assertThat(one("3.4028235e38")).isEqualTo(Float.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"instances\":[[1,2]]}", // wrong number of values
        "{\"instances\":[[1,2,3,4]]}",
        "{\"instances\":[[1,null,3]]}",
        "{\"instances\":[[1,\"a\",3]]}",
        "{\"instances\":[{\"a\":1}]}",
        "{\"instances\":[]}",
        "{\"instances\":[[1,2,3]],\"other\":1}",
        "{\"instances\":[[1,2,3]],\"instances\":[[1,2,3]]}",
        "{\"instances\":[[1,2,3]],\"top_k\":0}",
        "{\"instances\":[[1,2,3]],\"top_k\":4}",
        "{\"instances\":[[1,2,3]],\"top_k\":1.0}",
        "{\"instances\":[[01,2,3]]}",
        "{\"instances\":[[1.,2,3]]}",
        "{\"instances\":[[.5,2,3]]}",
        "{\"instances\":[[1e,2,3]]}",
        "{\"instances\":[[+1,2,3]]}",
        "{\"instances\":[[1,2,3]]",
        "{\"instances\":[[1,2,3]]}x",
        "{\"instances\":[[1,2,3],]}",
        "{\"instances\":[[1,2,3,]]}",
        "{\"inst\\u0061nces\":[[1,2,3]]}",
        "\uFEFF{\"instances\":[[1,2,3]]}",
        "[[1,2,3]]",
        ""
      })
  void anythingElseIsLeftToTheGeneralParser(String body) {
    assertThat(scan(body, 3)).isNull();
  }

  @Test
  void tooManyInstancesAreLeftToTheGeneralParser() {
    String body = "{\"instances\":[" + "[1,2,3],".repeat(1000) + "[1,2,3]]}";
    assertThat(scan(body, 3)).isNull();
  }

  private static String randomNumber(SplittableRandom r) {
    switch (r.nextInt(6)) {
      case 0:
        return Integer.toString(r.nextInt(-100, 100));
      case 1:
        return Long.toString(r.nextLong());
      case 2:
        return Float.toString(Float.intBitsToFloat(r.nextInt()) % 1e6f).replace("NaN", "1");
      case 3:
        return Double.toString(r.nextDouble(-1e3, 1e3));
      case 4:
        return String.format(Locale.ROOT, "%." + r.nextInt(1, 12) + "f", r.nextDouble(-50, 50));
      default:
        return r.nextInt(1, 10_000) + "e" + r.nextInt(-45, 35);
    }
  }
}
