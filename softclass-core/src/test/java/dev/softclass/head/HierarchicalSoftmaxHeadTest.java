package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HierarchicalSoftmaxHeadTest {
  private static final int DIM = 8;

  private static float[] random(Random r, int n, double scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * scale);
    }
    return v;
  }

  @Test
  void probabilitiesSumToOneOverAllClasses() {
    Random r = new Random(11);
    for (int k : new int[] {2, 3, 17, 1000}) {
      double[] counts = r.doubles(k, 1, 500).map(Math::floor).toArray();
      HierarchicalSoftmaxHead head = new HierarchicalSoftmaxHead(counts, DIM);
      float[] out = random(r, head.numRows() * DIM, 1.5);
      float[] h = random(r, DIM, 1.0);
      double[] p = new double[k];
      head.probabilities(h, out, p, head.newScratch(0));

      assertThat(Arrays.stream(p).sum()).as("K = %d", k).isCloseTo(1.0, within(1e-12));
      for (int c = 0; c < k; c += Math.max(1, k / 20)) {
        assertThat(head.probability(h, out, c)).isCloseTo(p[c], within(1e-15));
      }
    }
  }

  @Test
  void frequentClassesGetShortCodes() {
    // Huffman over 8 : 4 : 2 : 1 : 1 gives code lengths 1, 2, 3, 4, 4.
    HierarchicalSoftmaxHead head = new HierarchicalSoftmaxHead(new double[] {8, 4, 2, 1, 1}, 2);

    assertThat(IntStream.range(0, 5).map(head::depth).toArray()).containsExactly(1, 2, 3, 4, 4);
  }

  @Test
  void prunedTopKIsTheExactTopK() {
    Random r = new Random(5);
    int k = 300;
    HierarchicalSoftmaxHead head = new HierarchicalSoftmaxHead(r.doubles(k, 1, 100).toArray(), DIM);
    float[] out = random(r, head.numRows() * DIM, 2.0);
    float[] h = random(r, DIM, 1.0);

    double[] sorted = assertTopKIsExact(head, h, out, 10, head.newScratch(0));

    double cut = sorted[3];
    assertThat(head.topK(h, out, 10, cut, new int[10], new double[10], head.newScratch(0)))
        .isEqualTo(4);
  }

  @Test
  void oneScratchServesManySearches() {
    // The search's heap lives in the scratch: a search must not see what the last one left.
    Random r = new Random(11);
    int k = 200;
    HierarchicalSoftmaxHead head = new HierarchicalSoftmaxHead(r.doubles(k, 1, 50).toArray(), DIM);
    float[] out = random(r, head.numRows() * DIM, 3.0);
    HeadScratch shared = head.newScratch(0);
    for (int line = 0; line < 50; line++) {
      assertTopKIsExact(head, random(r, DIM, 1.0), out, 1 + line % 5, shared);
    }
  }

  /**
   * Checks that {@code topK} on {@code scratch} gives the {@code k} most probable classes by the
   * exact probabilities, in order, with those probabilities; returns every class's exact
   * probability, most probable first.
   */
  private static double[] assertTopKIsExact(
      HierarchicalSoftmaxHead head, float[] h, float[] out, int k, HeadScratch scratch) {
    double[] p = new double[head.numClasses()];
    head.probabilities(h, out, p, head.newScratch(0));
    Integer[] order = IntStream.range(0, p.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -p[c]));
    int[] labels = new int[k];
    double[] probs = new double[k];

    int n = head.topK(h, out, k, 0, labels, probs, scratch);

    assertThat(n).isEqualTo(k);
    for (int i = 0; i < k; i++) {
      assertThat(labels[i]).isEqualTo(order[i]);
      assertThat(probs[i]).isCloseTo(p[order[i]], within(1e-12));
    }
    return Arrays.stream(order).mapToDouble(c -> p[c]).toArray();
  }
}
