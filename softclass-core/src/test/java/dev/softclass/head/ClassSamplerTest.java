package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sampler's draws against the distribution it reports: fastText's {@code count^0.5} for the
 * unigram sampler (hand-computed on a small case), Zipf over frequency ranks for the log-uniform
 * one, each checked by the frequencies of many seeded draws (a chi-square statistic far below its
 * 0.1 % critical value, and each class within 5 standard errors), and the same draws for the same
 * seed.
 */
class ClassSamplerTest {
  private static final int DRAWS = 1_000_000;

  /** Counts of 447 classes shaped like udhr_langid's (most near 50, a few twice that, a tail). */
  private static double[] manyCounts() {
    double[] counts = new double[447];
    for (int k = 0; k < counts.length; k++) {
      counts[k] = k % 41 == 0 ? 94 : k % 17 == 0 ? 6 + k % 5 : 42 + (k * 7) % 9;
    }
    counts[446] = 1;
    return counts;
  }

  private static long[] frequencies(ClassSampler sampler, long seed) {
    long[] f = new long[sampler.numClasses()];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < DRAWS; i++) {
      f[sampler.sample(r)]++;
    }
    return f;
  }

  /** Pearson's chi-square statistic of the frequencies against the sampler's probabilities. */
  private static double chiSquare(long[] f, ClassSampler sampler) {
    double chi = 0;
    for (int k = 0; k < f.length; k++) {
      double expected = DRAWS * sampler.probability(k);
      if (expected == 0) {
        assertThat(f[k]).as("draws of class %d, which has probability 0", k).isZero();
        continue;
      }
      chi += (f[k] - expected) * (f[k] - expected) / expected;
    }
    return chi;
  }

  /** Each frequency within 5 standard errors of its probability. */
  private static void assertEachClassClose(long[] f, ClassSampler sampler) {
    for (int k = 0; k < f.length; k++) {
      double q = sampler.probability(k);
      double se = Math.sqrt(q * (1 - q) / DRAWS);
      assertThat((double) f[k] / DRAWS).as("share of class %d", k).isCloseTo(q, within(5 * se));
    }
  }

  @Test
  void unigramProbabilitiesAreTheSquareRootsOfTheCountsNormalised() {
    // sqrt: 2, 1, 3, 0, 6 -> sum 12
    ClassSampler sampler =
        new ClassSampler(ClassSampler.Kind.UNIGRAM, new double[] {4, 1, 9, 0, 36});
    double[] expected = {2 / 12.0, 1 / 12.0, 3 / 12.0, 0, 6 / 12.0};
    for (int k = 0; k < expected.length; k++) {
      assertThat(sampler.probability(k)).isCloseTo(expected[k], within(1e-15));
    }
    long[] f = frequencies(sampler, 7);
    assertEachClassClose(f, sampler);
    // 4 degrees of freedom (a class of count 0 is never drawn): 0.1 % critical value 18.47
    assertThat(chiSquare(f, sampler)).isLessThan(18.47);
  }

  @Test
  void unigramDrawsOverManyClassesFollowTheSquareRootOfTheCounts() {
    double[] counts = manyCounts();
    ClassSampler sampler = new ClassSampler(ClassSampler.Kind.UNIGRAM, counts);
    double z = 0;
    for (double c : counts) {
      z += Math.sqrt(c);
    }
    for (int k = 0; k < counts.length; k++) {
      assertThat(sampler.probability(k)).isCloseTo(Math.sqrt(counts[k]) / z, within(1e-15));
    }
    long[] f = frequencies(sampler, 11);
    assertEachClassClose(f, sampler);
    // 446 degrees of freedom: 0.1 % critical value 548.6
    assertThat(chiSquare(f, sampler)).isLessThan(548.6);
  }

  @Test
  void logUniformDrawsFollowZipfOverFrequencyRanks() {
    double[] counts = manyCounts();
    ClassSampler sampler = new ClassSampler(ClassSampler.Kind.LOG_UNIFORM, counts);
    double sum = 0;
    for (int k = 0; k < counts.length; k++) {
      sum += sampler.probability(k);
    }
    assertThat(sum).isCloseTo(1, within(1e-12));
    // the most frequent class has rank 0: log(2) / log(K + 1)
    assertThat(sampler.probability(0)).isCloseTo(Math.log(2) / Math.log(448), within(1e-12));
    long[] f = frequencies(sampler, 13);
    assertEachClassClose(f, sampler);
    assertThat(chiSquare(f, sampler)).isLessThan(548.6);
  }

  @Test
  void theSameSeedGivesTheSameDraws() {
    ClassSampler sampler = new ClassSampler(ClassSampler.Kind.UNIGRAM, manyCounts());
    SplittableRandom a = new SplittableRandom(5);
    SplittableRandom b = new SplittableRandom(5);
    for (int i = 0; i < 10_000; i++) {
      assertThat(sampler.sample(a)).isEqualTo(sampler.sample(b));
    }
  }
}
