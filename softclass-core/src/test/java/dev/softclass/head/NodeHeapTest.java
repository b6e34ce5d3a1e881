package dev.softclass.head;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodeHeapTest {
  private record Entry(double key, int node) {}

  private static final Comparator<Entry> ORDER =
      Comparator.comparingDouble(Entry::key).reversed().thenComparingInt(Entry::node);

  @Test
  void popsInKeyOrderWithTiesByNodeNumber() {
    Random r = new Random(3);
    NodeHeap heap = new NodeHeap();
    for (int round = 0; round < 20; round++) {
      heap.clear();
      List<Entry> entries = new ArrayList<>();
      int n = 1 + r.nextInt(300);
      for (int i = 0; i < n; i++) {
        // Few distinct keys, so that ties are common.
        Entry e = new Entry(-r.nextInt(8) / 4.0, r.nextInt(1000));
        entries.add(e);
        heap.push(e.key(), e.node());
      }
      entries.sort(ORDER);

      List<Entry> popped = new ArrayList<>();
      while (!heap.isEmpty()) {
        popped.add(new Entry(heap.topKey(), heap.topNode()));
        heap.pop();
      }

      assertThat(popped).containsExactlyElementsOf(entries);
    }
  }

  @Test
  void interleavedPushesAndPopsKeepTheOrder() {
    Random r = new Random(4);
    NodeHeap heap = new NodeHeap();
    List<Entry> reference = new ArrayList<>();
    for (int step = 0; step < 2000; step++) {
      if (reference.isEmpty() || r.nextInt(3) > 0) {
        Entry e = new Entry(r.nextGaussian(), r.nextInt(50));
        reference.add(e);
        heap.push(e.key(), e.node());
      } else {
        reference.sort(ORDER);
        Entry best = reference.remove(0);
        assertThat(heap.topKey()).isEqualTo(best.key());
        assertThat(heap.topNode()).isEqualTo(best.node());
        heap.pop();
      }
    }
  }
}
