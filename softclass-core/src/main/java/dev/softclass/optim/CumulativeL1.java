package dev.softclass.optim;

import java.util.Map;

/**
 * The cumulative L1 penalty of SGD (Tsuruoka, Tsujii and Ananiadou, "Stochastic gradient descent
 * training for L1-regularized log-linear models with cumulative penalty", ACL 2009): {@code u} is
 * the total penalty {@code sum_t rate_t * l1} every weight should have received so far, {@code q_i}
 * what weight {@code i} actually received. Applying the difference clips at zero, so a weight never
 * crosses zero because of the penalty and small weights become exactly 0. A weight may be brought
 * up to date lazily, only when a step touches it (sparse data). Not thread-safe.
 */
public final class CumulativeL1 {
  private final double[] received;
  private double total;

  /**
   * @param size number of penalised weights
   */
  public CumulativeL1(int size) {
    received = new double[size];
  }

  /**
   * Puts this penalty's bookkeeping into a checkpoint's arrays ({@code l1_total}, {@code
   * l1_received}): without it a resumed run would pull every weight again by the whole penalty owed
   * since the first step.
   */
  public void save(Map<String, double[]> arrays) {
    arrays.put("l1_total", new double[] {total});
    arrays.put("l1_received", received.clone());
  }

  /**
   * Takes the bookkeeping {@link #save} put into {@code state}.
   *
   * @throws dev.softclass.SoftclassException if the state lacks it or it has another size
   */
  public void restore(TrainingState state) {
    total = state.scalar("l1_total");
    System.arraycopy(state.array("l1_received", received.length), 0, received, 0, received.length);
  }

  /** Adds one step's penalty ({@code rate * l1}) to the total owed. */
  public void accumulate(double amount) {
    total += amount;
  }

  /** The total penalty owed so far. */
  public double total() {
    return total;
  }

  /**
   * Weight {@code i}'s new value after receiving what it is owed; records what it received.
   *
   * @param w its current value
   */
  public double apply(int i, double w) {
    double z = w;
    if (w > 0) {
      w = Math.max(0, w - (total + received[i]));
    } else if (w < 0) {
      w = Math.min(0, w + (total - received[i]));
    }
    received[i] += w - z;
    return w;
  }
}
