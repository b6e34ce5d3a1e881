package dev.softclass.train;

import dev.softclass.data.DenseMatrix;
import dev.softclass.data.FeatureMatrix;
import dev.softclass.data.LabelSets;
import dev.softclass.head.Head;
import dev.softclass.head.IndependentSigmoidHead;
import dev.softclass.head.OutputLayer;
import dev.softclass.kernel.VectorOps;

/**
 * The summed loss and loss gradient of a linear model over one block of rows, with the same
 * kernels, parameter layout and per-row losses as the single-machine {@link Trainer}: what a
 * distributed trainer computes on each partition before adding the blocks' sums and applying the
 * mean and penalty ({@link #finish}). Not thread-safe (one instance per block and thread).
 *
 * <p>Parameters are laid out as the trainer's: the weights, then one bias per output. With one or
 * two outputs the weights are class-major ({@code outputs x d}); with more they are feature-major
 * ({@code d x stride}, padding zero). {@link #weightIndex} gives the position of any weight.
 */
public final class LinearLossSums {
  private final LinearObjective objective;

  private LinearLossSums(LinearObjective objective) {
    this.objective = objective;
  }

  /**
   * Sums for single-label rows.
   *
   * @param x the rows' features, already transformed
   * @param y the class of each row
   * @param rowWeights a weight {@code >= 0} per row, or null for all 1
   * @param head the head whose loss is summed
   */
  public static LinearLossSums forClasses(
      FeatureMatrix x, int[] y, double[] rowWeights, Head head) {
    return new LinearLossSums(
        new LinearObjective(
            x,
            RowLoss.weighted(RowLoss.of(head, y), rowWeights),
            head.numOutputs(),
            0,
            null,
            kernels(x, head.numOutputs())));
  }

  /**
   * Sums for multi-label rows: the binary cross-entropy of each label's sigmoid.
   *
   * @param rowWeights a weight {@code >= 0} per row, or null for all 1
   */
  public static LinearLossSums forLabelSets(
      FeatureMatrix x, LabelSets sets, double[] rowWeights, IndependentSigmoidHead head) {
    return new LinearLossSums(
        new LinearObjective(
            x,
            RowLoss.weighted(RowLoss.multiLabel(head, sets, null), rowWeights),
            head.numOutputs(),
            0,
            null,
            kernels(x, head.numOutputs())));
  }

  /** The parameter layout alone (no rows), for the driver of a distributed run. */
  public static LinearLossSums layout(int features, int outputs) {
    return new LinearLossSums(
        new LinearObjective(
            new DenseMatrix(new float[0], 0, features),
            (r, z, g) -> 0,
            outputs,
            0,
            null,
            VectorOps.forWork(0)));
  }

  private static VectorOps.Kernels kernels(FeatureMatrix x, int outputs) {
    int columns = outputs > 2 ? VectorOps.stride(outputs) : outputs;
    // A distributed run makes many passes over each block: choose as for a long run.
    return VectorOps.forWork(2.0 * x.storedValues() * columns * 100);
  }

  /** Number of parameters (weights, padding and biases). */
  public int dimension() {
    return objective.dimension();
  }

  /** How many leading parameters are weights (penalised); the biases follow them. */
  public int penalisedCount() {
    return objective.penalisedCount();
  }

  /** The position of the weight of output {@code k} for feature {@code j}. */
  public int weightIndex(int k, int j) {
    return objective.featureMajor() ? j * objective.stride() + k : k * features() + j;
  }

  /** The position of output {@code k}'s bias. */
  public int biasIndex(int k) {
    return penalisedCount() + k;
  }

  private int features() {
    int outputs = dimension() - penalisedCount();
    return objective.featureMajor()
        ? penalisedCount() / objective.stride()
        : penalisedCount() / outputs;
  }

  /** Rows in the block. */
  public int rows() {
    return objective.size();
  }

  /**
   * Writes the gradient of the block's summed loss into {@code gradient} and returns the summed
   * loss (row weights applied, no mean, no penalty).
   */
  public double lossAndGradientSums(double[] params, double[] gradient) {
    return objective.lossAndGradientSums(params, gradient);
  }

  /**
   * Turns sums over all {@code rows} rows into the trainer's objective in place: the mean loss plus
   * {@code (l2 / 2) ||W||^2} (biases not penalised).
   *
   * @return the objective's value
   */
  public double finish(double[] params, double lossSum, long rows, double l2, double[] gradient) {
    double inv = 1.0 / rows;
    double penalty = 0;
    int weights = penalisedCount();
    for (int i = 0; i < weights; i++) {
      gradient[i] = gradient[i] * inv + l2 * params[i];
      penalty += params[i] * params[i];
    }
    for (int i = weights; i < gradient.length; i++) {
      gradient[i] *= inv;
    }
    return lossSum * inv + 0.5 * l2 * penalty;
  }

  /** The model's output layer (class-major, float32) from optimised parameters. */
  public OutputLayer outputLayer(double[] params) {
    return objective.outputLayer(params);
  }
}
