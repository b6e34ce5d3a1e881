package dev.softclass.train;

import dev.softclass.data.CsrMatrix;
import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.head.Head;
import dev.softclass.head.OutputLayer;
import dev.softclass.kernel.VectorOps;
import dev.softclass.optim.StochasticFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The training objective of a linear body with any head: the mean per-example loss plus {@code (l2
 * / 2) * ||W||^2} (biases are not penalised, as in scikit-learn).
 *
 * <p>Parameters are laid out as {@code W} followed by the {@code outputs} biases. With one or two
 * outputs {@code W} is class-major ({@code outputs x d}: long dot products per class); with more it
 * is feature-major ({@code d x stride}, {@code stride} = outputs rounded up to whole vectors, the
 * padding always zero), so that each feature or non-zero updates every output with a few vector
 * operations. {@link #outputLayer} converts either to the model's class-major layout. Full-batch
 * evaluation splits the rows into shards whose boundaries depend only on the data size, never on
 * the thread count, and adds the shards' sums in shard order: the result is bit-identical for any
 * number of threads.
 */
final class LinearObjective implements StochasticFunction {
  /** Rows per shard (the last shard may be shorter). */
  static final int SHARD_ROWS = 4096;

  /** Memory allowed for the shards' gradient buffers together. */
  private static final long SHARD_BUFFER_BYTES = 256L << 20;

  private final FeatureMatrix x;
  private final RowLoss rowLoss;
  private final double l2;
  private final int d;
  private final int outputs;
  private final int dimension;
  private final boolean featureMajor;
  private final int stride;
  private final ExecutorService executor;
  private final VectorOps.Kernels kernels;
  private final int[] shardStarts;

  /**
   * @param x transformed features
   * @param y class per row
   * @param head the head (its output count sets the weight rows)
   * @param l2 L2 strength on the mean loss
   * @param executor runs shards in parallel, or {@code null} to run them on the caller's thread
   * @param kernels the kernels to compute with
   */
  LinearObjective(
      FeatureMatrix x,
      int[] y,
      Head head,
      double l2,
      ExecutorService executor,
      VectorOps.Kernels kernels) {
    this(x, RowLoss.of(head, y), head.numOutputs(), l2, executor, kernels);
  }

  /**
   * An objective whose row {@code r} loss counts {@code rowWeights[r]} times (class weights): the
   * mean becomes {@code sum(w_r loss_r) / n}, as scikit-learn's {@code sample_weight} with {@code C
   * = 1 / (l2 n)}.
   *
   * @param rowWeights a weight {@code >= 0} per row, or {@code null} for all 1
   */
  LinearObjective(
      FeatureMatrix x,
      int[] y,
      double[] rowWeights,
      Head head,
      double l2,
      ExecutorService executor,
      VectorOps.Kernels kernels) {
    this(
        x,
        RowLoss.weighted(RowLoss.of(head, y), rowWeights),
        head.numOutputs(),
        l2,
        executor,
        kernels);
  }

  /**
   * @param x transformed features
   * @param rowLoss the loss of each row given its logits (for example against a label set)
   * @param outputs the head's logit count
   * @param l2 L2 strength on the mean loss
   * @param executor runs shards in parallel, or {@code null} to run them on the caller's thread
   * @param kernels the kernels to compute with
   */
  LinearObjective(
      FeatureMatrix x,
      RowLoss rowLoss,
      int outputs,
      double l2,
      ExecutorService executor,
      VectorOps.Kernels kernels) {
    this.x = x;
    this.rowLoss = rowLoss;
    this.l2 = l2;
    this.d = x.cols();
    this.outputs = outputs;
    // One or two outputs: long dot products per class. More: feature-major rows padded to whole
    // vectors, so each feature (or non-zero) updates all outputs with a few vector operations.
    this.featureMajor = outputs > 2;
    this.stride = featureMajor ? VectorOps.stride(outputs) : d;
    this.dimension = weightCount() + outputs;
    this.executor = executor;
    this.kernels = kernels;
    int n = x.rows();
    long maxShardsByMemory = Math.max(1, SHARD_BUFFER_BYTES / (8L * dimension));
    int shards = (int) Math.max(1, Math.min((n + SHARD_ROWS - 1) / SHARD_ROWS, maxShardsByMemory));
    shardStarts = new int[shards + 1];
    for (int s = 0; s <= shards; s++) {
      shardStarts[s] = (int) ((long) n * s / shards);
    }
  }

  /** The model's output layer (class-major, float32) from optimised parameters. */
  OutputLayer outputLayer(double[] params) {
    float[] w = new float[outputs * d];
    for (int k = 0; k < outputs; k++) {
      for (int j = 0; j < d; j++) {
        w[k * d + j] = (float) params[featureMajor ? j * stride + k : k * d + j];
      }
    }
    float[] b = new float[outputs];
    int biasOffset = weightCount();
    for (int k = 0; k < outputs; k++) {
      b[k] = (float) params[biasOffset + k];
    }
    return new OutputLayer(outputs, d, w, b);
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public int size() {
    return x.rows();
  }

  /** How many leading parameters are weights (penalised); the biases follow them. */
  int penalisedCount() {
    return weightCount();
  }

  /** Whether the weights are stored feature-major ({@code d x stride}). */
  boolean featureMajor() {
    return featureMajor;
  }

  /** Columns per feature in the feature-major layout (outputs rounded up to whole vectors). */
  int stride() {
    return stride;
  }

  private int weightCount() {
    return featureMajor ? d * stride : outputs * d;
  }

  /** Number of shards a full pass is split into. */
  int shards() {
    return shardStarts.length - 1;
  }

  @Override
  public double valueAndGradient(double[] params, double[] gradient) {
    return finish(params, lossAndGradientSums(params, gradient), x.rows(), gradient);
  }

  /**
   * Writes the gradient of the summed (not averaged, unpenalised) loss over all rows into {@code
   * gradient} and returns the summed loss.
   */
  double lossAndGradientSums(double[] params, double[] gradient) {
    int shards = shards();
    double loss;
    if (shards == 1 || executor == null) {
      java.util.Arrays.fill(gradient, 0);
      loss = 0;
      double[] shardGrad = shards == 1 ? gradient : new double[dimension];
      for (int s = 0; s < shards; s++) {
        if (shards > 1) {
          java.util.Arrays.fill(shardGrad, 0);
        }
        loss += rangeLoss(params, null, shardStarts[s], shardStarts[s + 1], shardGrad);
        if (shards > 1) {
          add(shardGrad, gradient);
        }
      }
    } else {
      List<Future<double[]>> futures = new ArrayList<>(shards);
      double[] losses = new double[shards];
      for (int s = 0; s < shards; s++) {
        final int shard = s;
        futures.add(
            executor.submit(
                () -> {
                  double[] g = new double[dimension];
                  losses[shard] =
                      rangeLoss(params, null, shardStarts[shard], shardStarts[shard + 1], g);
                  return g;
                }));
      }
      java.util.Arrays.fill(gradient, 0);
      loss = 0;
      for (int s = 0; s < shards; s++) {
        add(join(futures.get(s)), gradient);
        loss += losses[s];
      }
    }
    return loss;
  }

  @Override
  public double batchValueAndGradient(
      double[] params, int[] batch, int from, int to, double[] gradient) {
    java.util.Arrays.fill(gradient, 0);
    double loss = rangeLoss(params, batch, from, to, gradient);
    return finish(params, loss, to - from, gradient);
  }

  /** Scales the summed loss and gradient to means and adds the penalty. */
  private double finish(double[] params, double lossSum, int count, double[] gradient) {
    double inv = 1.0 / count;
    double penalty = 0;
    int weights = weightCount();
    for (int i = 0; i < weights; i++) {
      gradient[i] = gradient[i] * inv + l2 * params[i];
      penalty += params[i] * params[i];
    }
    for (int i = weights; i < dimension; i++) {
      gradient[i] *= inv;
    }
    return lossSum * inv + 0.5 * l2 * penalty;
  }

  /**
   * Adds the loss gradient of rows {@code rows[from..to)} (or rows {@code from..to} when {@code
   * rows} is null) to {@code gradient} and returns their summed loss.
   */
  private double rangeLoss(double[] params, int[] rows, int from, int to, double[] gradient) {
    double[] logits = new double[Math.max(stride, outputs)];
    double[] dLogits = new double[logits.length];
    int biasOffset = weightCount();
    double loss = 0;
    for (int i = from; i < to; i++) {
      int r = rows == null ? i : rows[i];
      System.arraycopy(params, biasOffset, logits, 0, outputs);
      if (featureMajor) {
        java.util.Arrays.fill(logits, outputs, logits.length, 0);
      }
      addLogits(params, r, logits);
      loss += rowLoss.lossAndGradient(r, logits, dLogits);
      addGradient(r, dLogits, gradient);
      for (int k = 0; k < outputs; k++) {
        gradient[biasOffset + k] += dLogits[k];
      }
    }
    return loss;
  }

  /** Adds {@code W x_r} to {@code logits}. */
  private void addLogits(double[] params, int r, double[] logits) {
    if (x instanceof DenseMatrix m) {
      int off = m.offset(r);
      if (featureMajor) {
        kernels.rowTimesMatrix(m.data(), off, d, params, stride, outputs, logits);
      } else {
        for (int k = 0; k < outputs; k++) {
          logits[k] += kernels.dot(m.data(), off, params, k * d, d);
        }
      }
    } else {
      CsrMatrix m = (CsrMatrix) x;
      int start = m.rowPtr()[r];
      int end = m.rowPtr()[r + 1];
      if (featureMajor) {
        kernels.sparseRowTimesMatrix(
            m.indices(), m.values(), start, end, d, params, stride, outputs, logits);
      } else {
        for (int k = 0; k < outputs; k++) {
          logits[k] += kernels.sparseDot(m.indices(), m.values(), start, end, params, k * d, d);
        }
      }
    }
  }

  /** Adds {@code dLogits x_r^T} to the weight part of {@code gradient}. */
  private void addGradient(int r, double[] dLogits, double[] gradient) {
    if (x instanceof DenseMatrix m) {
      int off = m.offset(r);
      if (featureMajor) {
        kernels.outerAdd(m.data(), off, d, dLogits, stride, outputs, gradient);
      } else {
        for (int k = 0; k < outputs; k++) {
          kernels.axpy(dLogits[k], m.data(), off, gradient, k * d, d);
        }
      }
    } else {
      CsrMatrix m = (CsrMatrix) x;
      int start = m.rowPtr()[r];
      int end = m.rowPtr()[r + 1];
      if (featureMajor) {
        kernels.sparseOuterAdd(
            m.indices(), m.values(), start, end, d, dLogits, stride, outputs, gradient);
      } else {
        for (int k = 0; k < outputs; k++) {
          kernels.sparseAxpy(dLogits[k], m.indices(), m.values(), start, end, gradient, k * d, d);
        }
      }
    }
  }

  private static void add(double[] from, double[] into) {
    for (int i = 0; i < into.length; i++) {
      into[i] += from[i];
    }
  }

  private static double[] join(Future<double[]> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("training interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    }
  }
}
