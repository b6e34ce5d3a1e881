package dev.softclass.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed steps of the update rules, schedules and clipping. */
class UpdateRulesTest {
  @Test
  void momentumAndNesterovFollowTheirFormulas() {
    float[][] p = {{1f}};
    MomentumSgd heavyBall = new MomentumSgd(new int[] {1}, 0.5, false);
    heavyBall.step(p, new float[][] {{2f}}, 0.1); // v = 2, p = 1 - 0.2
    assertThat(p[0][0]).isCloseTo(0.8f, within(1e-7f));
    heavyBall.step(p, new float[][] {{2f}}, 0.1); // v = 0.5 * 2 + 2 = 3, p = 0.8 - 0.3
    assertThat(p[0][0]).isCloseTo(0.5f, within(1e-7f));

    float[][] q = {{1f}};
    MomentumSgd nesterov = new MomentumSgd(new int[] {1}, 0.5, true);
    nesterov.step(q, new float[][] {{2f}}, 0.1); // v = 2, p -= 0.1 * (2 + 0.5 * 2)
    assertThat(q[0][0]).isCloseTo(0.7f, within(1e-7f));
    nesterov.step(q, new float[][] {{2f}}, 0.1); // v = 3, p -= 0.1 * (2 + 1.5)
    assertThat(q[0][0]).isCloseTo(0.35f, within(1e-6f));
  }

  @Test
  void adamStepsAreBiasCorrected() {
    // With bias correction the first step is lr * g / (|g| + eps): lr in the gradient's direction.
    float[][] p = {{1f, 1f}};
    Adam adam = new Adam(new int[] {2}, 0.9, 0.999, 1e-8, 0, new boolean[] {true});
    adam.step(p, new float[][] {{4f, -0.01f}}, 0.1);
    assertThat(p[0][0]).isCloseTo(0.9f, within(1e-6f));
    assertThat(p[0][1]).isCloseTo(1.1f, within(1e-5f));
    // Second step with gradient 2: m = 0.9*0.4 + 0.2 = 0.56, v = 0.999*0.016 + 0.001*4 = 0.019984;
    // m_hat = 0.56 / 0.19, v_hat = 0.019984 / 0.001999.
    adam.step(p, new float[][] {{2f, 0f}}, 0.1);
    double expected = 0.9 - 0.1 * (0.56 / 0.19) / Math.sqrt(0.019984 / 0.001999);
    assertThat((double) p[0][0]).isCloseTo(expected, within(1e-5));
  }

  @Test
  void adamwDecaysWeightsNotBiases() {
    float[][] p = {{2f}, {2f}};
    Adam adamw = new Adam(new int[] {1, 1}, 0.9, 0.999, 1e-8, 0.5, new boolean[] {true, false});
    adamw.step(p, new float[][] {{0f}, {0f}}, 0.1);
    assertThat(p[0][0]).isCloseTo(2f * (1 - 0.1f * 0.5f), within(1e-6f));
    assertThat(p[1][0]).isEqualTo(2f);
  }

  @Test
  void schedulesWarmUpAndDecay() {
    LearningRateSchedule constant =
        new LearningRateSchedule(LearningRateSchedule.Kind.CONSTANT, 0.1, 0, 1, 0.1, 100);
    assertThat(constant.rate(0)).isEqualTo(0.1);
    assertThat(constant.rate(99)).isEqualTo(0.1);

    LearningRateSchedule step =
        new LearningRateSchedule(LearningRateSchedule.Kind.STEP, 0.1, 0, 10, 0.5, 100);
    assertThat(step.rate(9)).isEqualTo(0.1);
    assertThat(step.rate(10)).isCloseTo(0.05, within(1e-15));
    assertThat(step.rate(25)).isCloseTo(0.025, within(1e-15));

    LearningRateSchedule cosine =
        new LearningRateSchedule(LearningRateSchedule.Kind.COSINE, 0.1, 10, 1, 0.1, 110);
    assertThat(cosine.rate(0)).isCloseTo(0.1 / 11, within(1e-15));
    assertThat(cosine.rate(9)).isCloseTo(0.1 * 10 / 11, within(1e-15));
    assertThat(cosine.rate(10)).isCloseTo(0.1, within(1e-15));
    assertThat(cosine.rate(60)).isCloseTo(0.05, within(1e-12));
    assertThat(cosine.rate(110)).isCloseTo(0.0, within(1e-15));
  }

  @Test
  void clippingScalesTheGlobalNorm() {
    float[][] g = {{3f}, {4f}};
    assertThat(GradientClipping.clip(g, 1.0)).isCloseTo(5.0, within(1e-12));
    assertThat(g[0][0]).isCloseTo(0.6f, within(1e-7f));
    assertThat(g[1][0]).isCloseTo(0.8f, within(1e-7f));
    float[][] small = {{0.3f}, {0.4f}};
    GradientClipping.clip(small, 1.0);
    assertThat(small[0][0]).isEqualTo(0.3f);
  }
}
