package dev.softclass.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ReliabilityDiagramTest {
  private static final double TOL = 1e-12;

  /**
   * Ten rows, 5 equal-width bins ([0, .2], (.2, .4], (.4, .6], (.6, .8], (.8, 1]):
   *
   * <pre>
   * bin (.4, .6]: 0.5 right, 0.5 wrong, 0.6 right   -> conf 1.6/3, acc 2/3, gap 0.4/3
   * bin (.6, .8]: 0.7 right, 0.7 wrong              -> conf 0.7,   acc 1/2, gap 0.2
   * bin (.8, 1]:  0.9 x4 right, 1.0 right           -> conf 4.6/5, acc 1,   gap 0.4/5
   * ECE = (3 * 0.4/3 + 2 * 0.2 + 5 * 0.4/5) / 10 = 0.12; MCE = 0.2
   * </pre>
   *
   * 0.6 sits exactly on an edge and goes to the lower bin, as in scikit-learn.
   */
  @Test
  void handComputedEqualWidthCase() {
    double[] conf = {0.5, 0.5, 0.6, 0.7, 0.7, 0.9, 0.9, 0.9, 0.9, 1.0};
    boolean[] right = {true, false, true, true, false, true, true, true, true, true};

    ReliabilityDiagram d = ReliabilityDiagram.of(conf, right, 5, BinStrategy.EQUAL_WIDTH);

    assertThat(d.bins()).hasSize(3);
    ReliabilityDiagram.Bin mid = d.bins().get(0);
    assertThat(mid.lower()).isCloseTo(0.4, within(TOL));
    assertThat(mid.upper()).isCloseTo(0.6, within(TOL));
    assertThat(mid.count()).isEqualTo(3);
    assertThat(mid.confidence()).isCloseTo(1.6 / 3, within(TOL));
    assertThat(mid.accuracy()).isCloseTo(2.0 / 3, within(TOL));
    assertThat(d.bins().get(1).count()).isEqualTo(2);
    assertThat(d.bins().get(2).count()).isEqualTo(5);
    assertThat(d.bins().get(2).confidence()).isCloseTo(0.92, within(TOL));
    assertThat(d.ece()).isCloseTo(0.12, within(TOL));
    assertThat(d.mce()).isCloseTo(0.2, within(TOL));
    assertThat(d.n()).isEqualTo(10);
  }

  /**
   * Equal-mass with 2 bins on 0.5, 0.6, 0.7, 0.8: the median edge is 0.65 (linear interpolation),
   * so bins {0.5, 0.6} (acc 1/2) and {0.7, 0.8} (acc 1): ECE = (2 * 0.05 + 2 * 0.25) / 4 = 0.15.
   */
  @Test
  void handComputedEqualMassCase() {
    double[] conf = {0.8, 0.5, 0.7, 0.6};
    boolean[] right = {true, true, true, false};

    ReliabilityDiagram d = ReliabilityDiagram.of(conf, right, 2, BinStrategy.EQUAL_MASS);

    assertThat(d.edges()).containsExactly(new double[] {0.5, 0.65, 0.8}, within(TOL));
    assertThat(d.bins()).extracting(ReliabilityDiagram.Bin::count).containsExactly(2, 2);
    assertThat(d.ece()).isCloseTo(0.15, within(TOL));
    assertThat(d.mce()).isCloseTo(0.25, within(TOL));
  }

  @Test
  void perfectlyCalibratedBinsHaveNoError() {
    double[] conf = {0.75, 0.75, 0.75, 0.75, 1.0};
    boolean[] right = {true, true, true, false, true};

    ReliabilityDiagram d = ReliabilityDiagram.of(conf, right, 10, BinStrategy.EQUAL_WIDTH);

    assertThat(d.ece()).isCloseTo(0.0, within(TOL));
    assertThat(d.mce()).isCloseTo(0.0, within(TOL));
  }

  @Test
  void rejectsValuesOutsideTheUnitInterval() {
    assertThatThrownBy(
            () ->
                ReliabilityDiagram.of(
                    new double[] {1.5}, new boolean[] {true}, 15, BinStrategy.EQUAL_WIDTH))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1.5");
  }
}
