package dev.softclass.optim;

import java.util.function.Supplier;

/**
 * Where an epoch-based optimiser saves its state and finds it again after a crash. The optimiser
 * asks {@link #restore} once before its first epoch and offers its state after every epoch; the
 * implementation decides when a save is due (every N epochs or minutes) and how it is stored.
 *
 * <p>An optimiser that adopts this (SGD on dense and sparse data does) must end bit-identical to an
 * uninterrupted run: it stores every number its updates read, and rebuilds everything else (the
 * example order) from the seed and {@link TrainingState#epochsDone()}.
 */
public interface EpochCheckpoints {
  /** No checkpoints: always start afresh, never save. */
  EpochCheckpoints NONE =
      new EpochCheckpoints() {
        @Override
        public TrainingState restore() {
          return null;
        }

        @Override
        public void afterEpoch(int epochsDone, Supplier<TrainingState> state) {}
      };

  /**
   * The state to continue from, or {@code null} to start afresh.
   *
   * @throws dev.softclass.SoftclassException if the saved state belongs to another run
   */
  TrainingState restore();

  /**
   * Called after each epoch; calls {@code state} (which copies the optimiser's arrays) only when a
   * save is due.
   *
   * @throws dev.softclass.SoftclassException if a due checkpoint cannot be written
   */
  void afterEpoch(int epochsDone, Supplier<TrainingState> state);
}
