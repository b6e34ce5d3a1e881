package dev.softclass.train;

import dev.softclass.data.CsrMatrix;
import dev.softclass.head.Head;
import dev.softclass.head.OutputLayer;
import dev.softclass.kernel.VectorOps;
import dev.softclass.optim.IterationCallback;
import dev.softclass.optim.MiniBatchSgd;
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
  private final int d;
  private final int outputs;
  private final int stride;
  private final VectorOps.Kernels kernels;

  SparseSgd(CsrMatrix x, int[] y, Head head, double l2, VectorOps.Kernels kernels) {
    this(x, y, null, head, l2, kernels);
  }

  /**
   * @param rowWeights the weight of each row's loss (class weights), or {@code null} for all 1; the
   *     same objective as {@link LinearObjective} with these weights
   */
  SparseSgd(
      CsrMatrix x, int[] y, double[] rowWeights, Head head, double l2, VectorOps.Kernels kernels) {
    this.x = x;
    this.y = y;
    this.rowWeights = rowWeights;
    this.head = head;
    this.l2 = l2;
    this.d = x.cols();
    this.outputs = head.numOutputs();
    this.stride = VectorOps.stride(outputs);
    this.kernels = kernels;
  }

  /** The trained layer and the final epoch's mean objective. */
  record Result(OutputLayer layer, double objective, long steps) {}

  /** Trains with the epochs, batch size, learning-rate schedule and seed of {@code sgd}. */
  Result fit(MiniBatchSgd sgd, IterationCallback cb) {
    int epochs = sgd.epochs();
    int batchSize = sgd.batchSize();
    int n = x.rows();
    int[] ptr = x.rowPtr();
    int[] idx = x.indices();
    float[] val = x.values();
    double[] v = new double[d * stride];
    double[] bias = new double[outputs];
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
    for (int epoch = 1; epoch <= epochs; epoch++) {
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
        step++;
      }
      objective = lossSum / n + 0.5 * l2 * scale * scale * VectorOps.dot(v, v);
      cb.onIteration(epoch, epochs, objective);
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
}
