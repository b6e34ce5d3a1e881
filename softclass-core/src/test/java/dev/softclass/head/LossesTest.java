package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LossesTest {
  /** The stable textbook form of {@code log(sigmoid(x))}, computed independently. */
  private static double reference(double x) {
    return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x));
  }

  @Test
  void bothChildrenFactorsFromOneTermAreTheBitsOfTheTextbookForm() {
    Random r = new Random(8);
    double[] edges = {0.0, -0.0, 1e-300, -1e-300, 36.7, -36.7, 745.2, -745.2, 1e6, -1e6};
    for (int i = 0; i < 10_000 + edges.length; i++) {
      double z = i < edges.length ? edges[i] : r.nextGaussian() * Math.pow(10, r.nextInt(6) - 2);
      double l = Losses.log1pExpNegAbs(z);

      assertThat(Double.doubleToRawLongBits(Losses.logSigmoid(z, l)))
          .as("logSigmoid(%s)", z)
          .isEqualTo(Double.doubleToRawLongBits(reference(z)));
      assertThat(Double.doubleToRawLongBits(Losses.logSigmoid(-z, l)))
          .as("logSigmoid(-%s)", z)
          .isEqualTo(Double.doubleToRawLongBits(reference(-z)));
      assertThat(Double.doubleToRawLongBits(Losses.logSigmoid(z)))
          .as("logSigmoid(%s), one argument", z)
          .isEqualTo(Double.doubleToRawLongBits(reference(z)));
    }
  }
}
