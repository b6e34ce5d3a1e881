package dev.softclass.optim;

import dev.softclass.SoftclassException;
import dev.softclass.kernel.VectorOps;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Mini-batch stochastic gradient descent. Each epoch visits the examples in a fresh order drawn
 * from the seed; the learning rate decays linearly from {@code learningRate} towards zero over the
 * whole run (as fastText does), which lets the iterates settle. Deterministic for a given seed.
 *
 * @param epochs passes over the data
 * @param batchSize examples per step
 * @param learningRate the initial step size
 * @param seed seed of the example order
 */
public record MiniBatchSgd(int epochs, int batchSize, double learningRate, long seed) {

  /** Validates the settings. */
  public MiniBatchSgd {
    if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("invalid SGD settings");
    }
  }

  /**
   * Minimises {@code f} from {@code x0} (not modified).
   *
   * @throws SoftclassException if the loss diverges (with advice)
   */
  public OptimizationResult minimize(
      StochasticFunction f, double[] x0, IterationCallback callback) {
    return minimize(f, x0, 0, 0, callback, EpochCheckpoints.NONE);
  }

  /**
   * Minimises {@code f(x) + l1 * sum_{i < penalised} |x_i|} from {@code x0} (not modified), or from
   * the state {@code checkpoints} restores, offering the state to {@code checkpoints} after every
   * epoch. With {@code l1 > 0} it applies the cumulative L1 penalty of Tsuruoka, Tsujii and
   * Ananiadou (ACL 2009): after each step every penalised weight is pulled towards zero by the
   * penalty accumulated so far that it has not yet received, and clipped at zero instead of
   * crossing it, so weights become exactly 0. The checkpoint holds the penalty's bookkeeping too,
   * so a resumed run ends bit-identical to an uninterrupted one.
   *
   * @throws SoftclassException if the loss diverges (with advice), or a checkpoint does not fit
   */
  public OptimizationResult minimize(
      StochasticFunction f,
      double[] x0,
      double l1,
      int penalised,
      IterationCallback callback,
      EpochCheckpoints checkpoints) {
    CumulativeL1 penalty = l1 > 0 ? new CumulativeL1(penalised) : null;
    int n = f.size();
    double[] x = x0.clone();
    double[] g = new double[x.length];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long totalSteps = totalSteps(n);
    long step = 0;
    double epochLoss = Double.NaN;
    int firstEpoch = 1;
    TrainingState resumed = checkpoints.restore();
    if (resumed != null) {
      System.arraycopy(resumed.array("x", x.length), 0, x, 0, x.length);
      step = resumed.steps();
      epochLoss = resumed.scalar("loss");
      firstEpoch = resumed.epochsDone() + 1;
      if (penalty != null) {
        penalty.restore(resumed);
      }
      replayShuffles(order, random, resumed.epochsDone());
    }
    for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
      shuffle(order, random);
      double lossSum = 0;
      for (int from = 0; from < n; from += batchSize) {
        int to = Math.min(n, from + batchSize);
        double loss = f.batchValueAndGradient(x, order, from, to, g);
        requireFinite(loss, epoch);
        lossSum += loss * (to - from);
        double rate = rate(step, totalSteps);
        VectorOps.axpy(-rate, g, x);
        if (penalty != null) {
          penalty.accumulate(rate * l1);
          for (int i = 0; i < penalised; i++) {
            x[i] = penalty.apply(i, x[i]);
          }
        }
        step++;
      }
      epochLoss = lossSum / n;
      if (penalty != null) {
        double norm = 0;
        for (int i = 0; i < penalised; i++) {
          norm += Math.abs(x[i]);
        }
        epochLoss += l1 * norm;
      }
      callback.onIteration(epoch, epochs, epochLoss);
      int done = epoch;
      long steps = step;
      double loss = epochLoss;
      checkpoints.afterEpoch(
          done,
          () -> {
            Map<String, double[]> state = new HashMap<>();
            state.put("x", x.clone());
            state.put("loss", new double[] {loss});
            if (penalty != null) {
              penalty.save(state);
            }
            return new TrainingState(done, steps, state);
          });
    }
    return new OptimizationResult(x, epochLoss, epochs, (int) step, true, "all epochs done");
  }

  /** Total steps of a run over {@code n} examples: {@code epochs * ceil(n / batchSize)}. */
  public long totalSteps(int n) {
    return (long) ((n + batchSize - 1) / batchSize) * epochs;
  }

  /**
   * The learning rate of step {@code step} (0-based) of {@code totalSteps}: linear decay from
   * {@link #learningRate()} towards zero, floored at 1e-4 of it.
   */
  public double rate(long step, long totalSteps) {
    return learningRate * Math.max(1e-4, 1.0 - (double) step / totalSteps);
  }

  /**
   * Stops a diverging run with advice.
   *
   * @throws SoftclassException if {@code loss} is not finite
   */
  public static void requireFinite(double loss, int epoch) {
    if (!Double.isFinite(loss)) {
      throw new SoftclassException(
          "training diverged in epoch "
              + epoch
              + " (the loss became "
              + loss
              + "): lower the learning rate (--lr) or scale the features (--scale auto)");
    }
  }

  /**
   * Brings {@code order} and {@code random} to where they stand after {@code epochs} epochs (the
   * state of a {@link SplittableRandom} cannot be saved, but its draws can be repeated).
   */
  public static void replayShuffles(int[] order, SplittableRandom random, int epochs) {
    for (int e = 0; e < epochs; e++) {
      shuffle(order, random);
    }
  }

  /** The example order of every SGD epoch: a Fisher-Yates shuffle driven by {@code random}. */
  public static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
