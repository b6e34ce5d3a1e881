package dev.softclass.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OwlQnTest {
  /** {@code f(x) = sum_i c_i/2 (x_i - a_i)^2}: separable, so the L1 solution is known exactly. */
  private static DifferentiableFunction quadratic(double[] a, double[] c) {
    return new DifferentiableFunction() {
      @Override
      public int dimension() {
        return a.length;
      }

      @Override
      public double valueAndGradient(double[] x, double[] g) {
        double f = 0;
        for (int i = 0; i < a.length; i++) {
          f += 0.5 * c[i] * (x[i] - a[i]) * (x[i] - a[i]);
          g[i] = c[i] * (x[i] - a[i]);
        }
        return f;
      }
    };
  }

  @Test
  void findsTheSoftThresholdWithExactZeros() {
    double[] a = {3, -2, 0.5, -0.3, 1.2, 0.7};
    double[] c = {1, 2, 1, 4, 0.5, 1};
    double l1 = 0.6;
    // The last parameter is not penalised (a bias).
    OptimizationResult r =
        new OwlQn(10, 200, 1e-10, 0)
            .minimize(quadratic(a, c), new double[6], l1, 5, (i, t, v) -> {});
    for (int i = 0; i < 5; i++) {
      // argmin c/2 (x - a)^2 + l1 |x| = sign(a) max(|a| - l1 / c, 0)
      double expected = Math.signum(a[i]) * Math.max(Math.abs(a[i]) - l1 / c[i], 0);
      assertThat(r.x()[i]).as("x" + i).isCloseTo(expected, within(1e-9));
      if (expected == 0) {
        assertThat(r.x()[i]).as("x" + i + " exactly zero").isEqualTo(0.0);
      }
    }
    assertThat(r.x()[5]).isCloseTo(0.7, within(1e-9));
    assertThat(r.converged()).isTrue();
  }

  @Test
  void withoutL1ItMinimisesTheSmoothFunction() {
    double[] a = {1, -1, 2};
    OptimizationResult r =
        new OwlQn(5, 100, 1e-10, 0)
            .minimize(
                quadratic(a, new double[] {1, 10, 100}), new double[3], 0, 3, (i, t, v) -> {});
    assertThat(r.x()).containsExactly(new double[] {1, -1, 2}, within(1e-8));
  }

  @Test
  void cumulativePenaltyClipsAtZeroAndOwesTheRest() {
    CumulativeL1 p = new CumulativeL1(2);
    p.accumulate(0.3);
    assertThat(p.apply(0, 1.0)).isCloseTo(0.7, within(1e-15));
    assertThat(p.apply(1, 0.2)).isEqualTo(0.0);
    p.accumulate(0.3);
    // Weight 0 received 0.3 of the 0.6 owed; weight 1 is at 0 and stays there.
    assertThat(p.apply(0, 0.7)).isCloseTo(0.4, within(1e-15));
    assertThat(p.apply(1, 0.0)).isEqualTo(0.0);
    // Pushed negative by a gradient step: pulled back by u - q = 0.6 + 0.2, clipped at zero.
    assertThat(p.apply(1, -0.5)).isEqualTo(0.0);
    assertThat(p.apply(1, -1.0)).isCloseTo(-1.0 + 0.3, within(1e-15));
  }
}
