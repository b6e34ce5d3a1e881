package dev.softclass.spark;

import dev.softclass.head.Head;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.optim.DifferentiableFunction;
import dev.softclass.train.LinearLossSums;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * The single-machine trainer's objective (mean loss plus {@code (l2 / 2) ||W||^2}) over cached
 * partitions: each evaluation broadcasts the parameters, every partition adds its rows' loss and
 * gradient with {@link LinearLossSums} (the core kernels, dense or sparse), and the partitions'
 * sums are added in partition order ({@link OrderedTree}), so the result is deterministic.
 *
 * <p>The blocks hold features divided by their scale but not centred: with {@code u = centre /
 * scale}, the logits {@code W (x / s - u) + b} are computed as {@code W (x / s) + (b - W u)}, and
 * the weights' gradient is corrected by {@code - g_b u^T} on the driver, so sparse rows stay sparse
 * under standard scaling.
 */
final class DistributedLinearObjective implements DifferentiableFunction {
  private final JavaSparkContext context;
  private final JavaRDD<RowBlock> blocks;
  private final HeadSpec head;
  private final LinearLossSums layout;
  private final double[] shift;
  private final long rows;
  private final double l2;
  private final int features;
  private final int outputs;
  private int evaluations;
  private long partitionNanos;
  private long partitionCpuNanos;

  DistributedLinearObjective(JavaSparkContext context, PreparedData data, Head head, double l2) {
    this.context = context;
    this.blocks = data.blocks;
    this.head = HeadSpec.of(head);
    this.features = data.spec.features();
    this.outputs = head.numOutputs();
    this.layout = LinearLossSums.layout(features, outputs);
    this.shift = data.centreShift();
    this.rows = data.rows;
    this.l2 = l2;
  }

  /** The parameter layout. */
  LinearLossSums layout() {
    return layout;
  }

  @Override
  public int dimension() {
    return layout.dimension();
  }

  @Override
  public double valueAndGradient(double[] params, double[] gradient) {
    double[] shifted = params.clone();
    for (int k = 0; k < outputs; k++) {
      double wu = 0;
      for (int j = 0; j < features; j++) {
        wu += params[layout.weightIndex(k, j)] * shift[j];
      }
      shifted[layout.biasIndex(k)] -= wu;
    }
    Broadcast<double[]> broadcast = context.broadcast(shifted);
    HeadSpec spec = head;
    int dim = layout.dimension();
    double[] sums;
    try {
      sums =
          SparkErrors.unwrap(
              () ->
                  OrderedTree.reduce(
                      blocks.map(block -> blockSums(block, spec, broadcast.value(), dim)),
                      OrderedTree::add));
    } finally {
      broadcast.destroy();
    }
    evaluations++;
    partitionNanos += (long) sums[dim + 1];
    partitionCpuNanos += (long) sums[dim + 2];
    System.arraycopy(sums, 0, gradient, 0, dim);
    for (int k = 0; k < outputs; k++) {
      double gb = gradient[layout.biasIndex(k)];
      if (gb != 0) {
        for (int j = 0; j < features; j++) {
          gradient[layout.weightIndex(k, j)] -= gb * shift[j];
        }
      }
    }
    return layout.finish(params, sums[dim], rows, l2, gradient);
  }

  /**
   * One block's gradient sums, then its loss sum, the nanoseconds it took and the thread's CPU
   * nanoseconds (which do not count waiting for a core on a loaded machine).
   */
  private static double[] blockSums(RowBlock block, HeadSpec spec, double[] params, int dim) {
    long start = System.nanoTime();
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    Head head = spec.head();
    LinearLossSums sums =
        block.sets() != null
            ? LinearLossSums.forLabelSets(
                block.x(), block.sets(), block.weights(), (IndependentSigmoidHead) head)
            : LinearLossSums.forClasses(block.x(), block.y(), block.weights(), head);
    double[] out = new double[dim + 3];
    double[] gradient = new double[dim];
    out[dim] = sums.lossAndGradientSums(params, gradient);
    System.arraycopy(gradient, 0, out, 0, dim);
    out[dim + 1] = System.nanoTime() - start;
    out[dim + 2] = threads.getCurrentThreadCpuTime() - cpuStart;
    return out;
  }

  /** Objective evaluations (distributed passes) so far. */
  int evaluations() {
    return evaluations;
  }

  /** Task time spent in the partitions' loss and gradient sums, over all passes, in seconds. */
  double partitionSeconds() {
    return partitionNanos / 1e9;
  }

  /** CPU time of the partitions' loss and gradient sums, over all passes, in seconds. */
  double partitionCpuSeconds() {
    return partitionCpuNanos / 1e9;
  }
}
