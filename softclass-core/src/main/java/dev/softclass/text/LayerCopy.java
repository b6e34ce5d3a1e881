package dev.softclass.text;

/**
 * One Hogwild thread's copy of a layer that every training step writes whole (the output layer of a
 * softmax or one-vs-all head). The thread's steps write {@link #values()}; {@link #merge()} adds
 * the copy's change since the last merge to the shared layer, without a lock (as Hogwild updates),
 * and takes the shared layer back, with the other threads' merged changes in it.
 *
 * <p>Written by both threads at every step, the shared layer's cache lines went back and forth
 * between the cores, and two threads trained barely faster than one (udhr_langid's softmax:
 * bench/RESULTS-issue7-session8.md). Merged every few dozen steps, another thread's changes reach a
 * copy that many steps late, as Hogwild's own updates may arrive late or be lost.
 */
final class LayerCopy {
  private final float[] shared;
  private final float[] copy;
  private final float[] atMerge;

  /** A copy of {@code shared}, which stays the layer the copy merges into. */
  LayerCopy(float[] shared) {
    this.shared = shared;
    this.copy = shared.clone();
    this.atMerge = shared.clone();
  }

  /** The copy, which the thread's steps write. */
  float[] values() {
    return copy;
  }

  /** Adds the copy's change since the last merge (or pull) to the shared layer, then pulls. */
  void merge() {
    for (int i = 0; i < shared.length; i++) {
      shared[i] += copy[i] - atMerge[i];
    }
    pull();
  }

  /** Takes the shared layer's values, dropping any change not merged. */
  void pull() {
    System.arraycopy(shared, 0, copy, 0, shared.length);
    System.arraycopy(copy, 0, atMerge, 0, shared.length);
  }
}
