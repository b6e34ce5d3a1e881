package dev.softclass.train;

import dev.softclass.data.CsrMatrix;
import dev.softclass.head.Head;
import dev.softclass.head.OutputLayer;
import dev.softclass.kernel.VectorOps;
import dev.softclass.optim.CumulativeL1;
import dev.softclass.optim.EpochCheckpoints;
import dev.softclass.optim.IterationCallback;
import dev.softclass.optim.MiniBatchSgd;
import dev.softclass.optim.TrainingState;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Mini-batch SGD for a linear body on sparse data, where a step must cost the non-zeros it touches
 * rather than the whole weight matrix (a text model has hundreds of classes times a hundred
 * thousand words). It minimises the same objective as {@link MiniBatchSgd} on {@link
 * LinearObjective}, with the same example order and learning-rate schedule:
 *
 * <ul>
 *   <li>weights are kept as {@code W = scale * V}, so the L2 shrinkage {@code W -= lr * l2 * W} of
 *       every step is one multiplication of {@code scale} (folded back into {@code V} when it gets
 *       small);
 *   <li>{@code V} is feature-major with rows padded to whole vectors, so each non-zero updates
 *       every output with a few vector operations;
 *   <li>a mini-batch's gradients are all computed at the same weights and then applied, as in the
 *       dense optimiser.
 * </ul>
 *
 * Single-threaded and deterministic for a given seed.
 */
final class SparseSgd {
  private static final double RESCALE_BELOW = 1e-6;

  private final CsrMatrix x;
  private final int[] y;
  private final double[] rowWeights;
  private final Head head;
  private final double l2;
  private final double l1;
  private final int d;
  private final int outputs;
  private final int stride;
  private final VectorOps.Kernels kernels;

  SparseSgd(CsrMatrix x, int[] y, Head head, double l2, VectorOps.Kernels kernels) {
    this(x, y, null, head, l2, 0, kernels);
  }

  /**
   * @param rowWeights the weight of each row's loss (class weights), or {@code null} for all 1; the
   *     same objective as {@link LinearObjective} with these weights
   * @param l1 with {@code l1 > 0} the cumulative L1 penalty ({@link CumulativeL1}) is applied
   *     lazily: after each step to the weights of the features the step touched, and to every
   *     weight at the end
   */
  SparseSgd(
      CsrMatrix x,
      int[] y,
      double[] rowWeights,
      Head head,
      double l2,
      double l1,
      VectorOps.Kernels kernels) {
    this.x = x;
    this.y = y;
    this.rowWeights = rowWeights;
    this.head = head;
    this.l2 = l2;
    this.l1 = l1;
    this.d = x.cols();
    this.outputs = head.numOutputs();
    this.stride = VectorOps.stride(outputs);
    this.kernels = kernels;
  }

  /** The trained layer and the final epoch's mean objective. */
  record Result(OutputLayer layer, double objective, long steps) {}

  /** Trains with the epochs, batch size, learning-rate schedule and seed of {@code sgd}. */
  Result fit(MiniBatchSgd sgd, IterationCallback cb) {
    return fit(sgd, cb, EpochCheckpoints.NONE);
  }

  /**
   * Trains as {@link #fit(MiniBatchSgd, IterationCallback)}, continuing from the state {@code
   * checkpoints} restores and offering it the state after every epoch.
   */
  Result fit(MiniBatchSgd sgd, IterationCallback cb, EpochCheckpoints checkpoints) {
    int epochs = sgd.epochs();
    int batchSize = sgd.batchSize();
    int n = x.rows();
    int[] ptr = x.rowPtr();
    int[] idx = x.indices();
    float[] val = x.values();
    double[] v = new double[d * stride];
    double[] bias = new double[outputs];
    CumulativeL1 penalty = l1 > 0 ? new CumulativeL1(v.length) : null;
    double scale = 1.0;
    double[] logits = new double[stride];
    double[] deltas = new double[batchSize * stride];
    double[] biasGrad = new double[outputs];
    double[] delta = new double[stride];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(sgd.seed());
    long totalSteps = sgd.totalSteps(n);
    long step = 0;
    double objective = Double.NaN;
    int firstEpoch = 1;
    TrainingState resumed = checkpoints.restore();
    if (resumed != null) {
      System.arraycopy(resumed.array("v", v.length), 0, v, 0, v.length);
      System.arraycopy(resumed.array("bias", outputs), 0, bias, 0, outputs);
      scale = resumed.scalar("scale");
      objective = resumed.scalar("objective");
      if (penalty != null) {
        penalty.restore(resumed);
      }
      step = resumed.steps();
      firstEpoch = resumed.epochsDone() + 1;
      MiniBatchSgd.replayShuffles(order, random, resumed.epochsDone());
    }
    for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
      MiniBatchSgd.shuffle(order, random);
      double lossSum = 0;
      for (int from = 0; from < n; from += batchSize) {
        int to = Math.min(n, from + batchSize);
        java.util.Arrays.fill(biasGrad, 0);
        for (int b = 0; b < to - from; b++) {
          int r = order[from + b];
          java.util.Arrays.fill(logits, 0);
          kernels.sparseRowTimesMatrix(idx, val, ptr[r], ptr[r + 1], d, v, stride, outputs, logits);
          for (int k = 0; k < outputs; k++) {
            logits[k] = scale * logits[k] + bias[k];
          }
          double w = rowWeights == null ? 1.0 : rowWeights[r];
          lossSum += w * head.lossAndGradient(logits, y[r], delta);
          if (rowWeights != null) {
            for (int k = 0; k < outputs; k++) {
              delta[k] *= w;
            }
          }
          System.arraycopy(delta, 0, deltas, b * stride, stride);
          for (int k = 0; k < outputs; k++) {
            biasGrad[k] += delta[k];
          }
        }
        MiniBatchSgd.requireFinite(lossSum, epoch);
        double rate = sgd.rate(step, totalSteps);
        scale *= 1.0 - rate * l2;
        if (scale < RESCALE_BELOW) {
          for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
          }
          scale = 1.0;
        }
        double factor = -rate / ((to - from) * scale);
        for (int b = 0; b < to - from; b++) {
          int r = order[from + b];
          for (int k = 0; k < outputs; k++) {
            delta[k] = factor * deltas[b * stride + k];
          }
          kernels.sparseOuterAdd(idx, val, ptr[r], ptr[r + 1], d, delta, stride, outputs, v);
        }
        for (int k = 0; k < outputs; k++) {
          bias[k] -= rate * biasGrad[k] / (to - from);
        }
        if (penalty != null) {
          penalty.accumulate(rate * l1);
          for (int b = 0; b < to - from; b++) {
            int r = order[from + b];
            for (int p = ptr[r]; p < ptr[r + 1]; p++) {
              penalise(penalty, v, idx[p] * stride, scale);
            }
          }
        }
        step++;
      }
      objective = lossSum / n + 0.5 * l2 * scale * scale * VectorOps.dot(v, v);
      if (penalty != null) {
        double norm = 0;
        for (double value : v) {
          norm += Math.abs(value);
        }
        objective += l1 * scale * norm;
      }
      cb.onIteration(epoch, epochs, objective);
      int done = epoch;
      long steps = step;
      double[] state = {scale, objective};
      checkpoints.afterEpoch(
          done,
          () -> {
            Map<String, double[]> saved = new HashMap<>();
            saved.put("v", v.clone());
            saved.put("bias", bias.clone());
            saved.put("scale", new double[] {state[0]});
            saved.put("objective", new double[] {state[1]});
            if (penalty != null) {
              penalty.save(saved);
            }
            return new TrainingState(done, steps, saved);
          });
    }
    if (penalty != null) {
      for (int j = 0; j < d; j++) {
        penalise(penalty, v, j * stride, scale); // weights no late step touched
      }
    }
    float[] w = new float[outputs * d];
    for (int k = 0; k < outputs; k++) {
      for (int j = 0; j < d; j++) {
        w[k * d + j] = (float) (scale * v[j * stride + k]);
      }
    }
    float[] b = new float[outputs];
    for (int k = 0; k < outputs; k++) {
      b[k] = (float) bias[k];
    }
    return new Result(new OutputLayer(outputs, d, w, b), objective, step);
  }

  /** Brings the weights of one feature row ({@code W = scale * V}) up to date with the penalty. */
  private void penalise(CumulativeL1 penalty, double[] v, int row, double scale) {
    for (int k = 0; k < outputs; k++) {
      double w = scale * v[row + k];
      if (w != 0) {
        v[row + k] = penalty.apply(row + k, w) / scale;
      }
    }
  }
}
