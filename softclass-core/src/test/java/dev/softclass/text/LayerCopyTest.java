package dev.softclass.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LayerCopyTest {
  @Test
  void aMergeAddsTheCopysChangeToTheSharedLayerAndTakesItBack() {
    float[] shared = {1f, 2f, 3f};
    LayerCopy copy = new LayerCopy(shared);
    copy.values()[0] += 0.5f;
    copy.values()[2] -= 1f;

    assertThat(shared).containsExactly(1f, 2f, 3f); // nothing reaches the shared layer before
    copy.merge();

    assertThat(shared).containsExactly(1.5f, 2f, 2f);
    assertThat(copy.values()).containsExactly(1.5f, 2f, 2f);
  }

  @Test
  void twoThreadsCopiesBothReachTheSharedLayerAndEachOther() {
    float[] shared = {0f, 0f};
    LayerCopy a = new LayerCopy(shared);
    LayerCopy b = new LayerCopy(shared);
    a.values()[0] += 1f;
    b.values()[0] += 2f;
    b.values()[1] += 3f;

    a.merge();
    b.merge();

    assertThat(shared).containsExactly(3f, 3f);
    assertThat(b.values()).containsExactly(3f, 3f);
    assertThat(a.values()).containsExactly(1f, 0f); // b's change reaches a at its next merge
    a.merge();
    assertThat(a.values()).containsExactly(3f, 3f);
    assertThat(shared).containsExactly(3f, 3f);
  }

  @Test
  void aChangeIsAddedOnceHoweverOftenTheCopyMerges() {
    float[] shared = {4f};
    LayerCopy copy = new LayerCopy(shared);
    copy.values()[0] += 1f;

    copy.merge();
    copy.merge();
    copy.values()[0] += 1f;
    copy.merge();

    assertThat(shared).containsExactly(6f);
  }

  @Test
  void aPullDropsChangesNotMerged() {
    float[] shared = {1f};
    LayerCopy copy = new LayerCopy(shared);
    copy.values()[0] = 9f;
    shared[0] = 2f; // another thread's merge

    copy.pull();
    copy.merge();

    assertThat(copy.values()).containsExactly(2f);
    assertThat(shared).containsExactly(2f);
  }
}
