package dev.softclass.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The float writer gives the same text as Jackson's Schubfach writer (the shortest, exact). */
class ShortestFloatTest {
  private static String written(float v) {
    char[] out = new char[ShortestFloat.MAX_CHARS];
    String chars =
        new String(out, 0, ShortestFloat.write(v, new byte[ShortestFloat.MAX_CHARS], out));
    byte[] bytes = new byte[ShortestFloat.MAX_CHARS + 2];
    int end = ShortestFloat.write(v, bytes, 2);
    String viaBytes = new String(bytes, 2, end - 2, StandardCharsets.US_ASCII);
    if (!viaBytes.equals(chars)) {
      throw new AssertionError(v + ": bytes " + viaBytes + " but chars " + chars);
    }
    return chars;
  }

  private static void same(float v) {
    assertThat(written(v))
        .as("%s (bits %08x)", v, Float.floatToRawIntBits(v))
        .isEqualTo(NumberOutput.toString(v, true));
  }

  @Test
  void knownValues() {
    assertThat(written(0f)).isEqualTo("0.0");
    assertThat(written(-0f)).isEqualTo("-0.0");
    assertThat(written(1f)).isEqualTo("1.0");
    assertThat(written(0.5f)).isEqualTo("0.5");
    assertThat(written(0.1f)).isEqualTo("0.1");
    assertThat(written(0.001f)).isEqualTo("0.001");
    assertThat(written(1.5e-4f)).isEqualTo("1.5E-4");
    assertThat(written(9.999999f)).isEqualTo("9.999999");
    assertThat(written(123.25f)).isEqualTo("123.25");
    assertThat(written(-0.75f)).isEqualTo("-0.75");
  }

  @Test
  void randomProbabilitiesAndFloatsOfEveryRange() {
    SplittableRandom r = new SplittableRandom(11);
    for (int i = 0; i < 1_000_000; i++) {
      same((float) r.nextDouble());
      same((float) Math.exp(-r.nextDouble(0, 40)));
      float any = Float.intBitsToFloat(r.nextInt());
      if (Float.isFinite(any)) {
        same(any);
      }
    }
  }

  @Test
  void floatsBesidePowersOfTenAndTwo() {
    for (int k = -45; k <= 38; k++) {
      float p = Float.parseFloat("1e" + k);
      for (int step = -64; step <= 64; step++) {
        same(Float.intBitsToFloat(Float.floatToRawIntBits(p) + step));
      }
    }
    for (int b = -149; b <= 127; b++) {
      float p = (float) Math.scalb(1.0, b);
      same(p);
      same(Math.nextUp(p));
      same(Math.nextDown(p));
    }
  }

  @Test
  void everyFloatInTheCommonProbabilityRange() {
    // every 97th float from 1e-6 to 10: a dense sweep of what responses carry
    int from = Float.floatToRawIntBits(1e-6f);
    int to = Float.floatToRawIntBits(10f);
    for (int bits = from; bits <= to; bits += 97) {
      same(Float.intBitsToFloat(bits));
    }
  }

  @Test
  void tinyProbabilitiesWhereTheScaleNeedsTwoPowersOfTen() {
    // every 1009th float from 1e-36 to 1e-13: the nine-digit scale passes 10^22 below 1e-14
    int from = Float.floatToRawIntBits(1e-36f);
    int to = Float.floatToRawIntBits(1e-13f);
    for (int bits = from; bits <= to; bits += 1009) {
      same(Float.intBitsToFloat(bits));
    }
  }
}
