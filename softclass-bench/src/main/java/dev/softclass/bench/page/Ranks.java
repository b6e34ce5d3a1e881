package dev.softclass.bench.page;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Softclass's standing on one dataset: for a metric, the best Softclass row is ranked against every
 * other system that produced a result (1 = best; ties share the better rank).
 */
final class Ranks {
  private Ranks() {}

  /**
   * A Softclass row and its rank on one metric.
   *
   * @param row the best Softclass row on the metric
   * @param rank 1-based rank among the other systems with a result and this row
   * @param of how many rows were ranked
   */
  record Rank(ResultRow row, int rank, int of) {}

  /** Higher is better (accuracy). */
  static Rank highest(List<ResultRow> rows, ToDoubleFunction<ResultRow> metric) {
    return best(rows, metric, Comparator.comparingDouble(metric).reversed());
  }

  /** Lower is better (log loss, seconds). */
  static Rank lowest(List<ResultRow> rows, ToDoubleFunction<ResultRow> metric) {
    return best(rows, metric, Comparator.comparingDouble(metric));
  }

  private static Rank best(
      List<ResultRow> rows, ToDoubleFunction<ResultRow> metric, Comparator<ResultRow> better) {
    List<ResultRow> others = new ArrayList<>();
    ResultRow mine = null;
    for (ResultRow r : rows) {
      if (!r.ok() || Double.isNaN(metric.applyAsDouble(r))) {
        continue;
      }
      if (!r.isSoftclass()) {
        others.add(r);
      } else if (mine == null || better.compare(r, mine) < 0) {
        mine = r;
      }
    }
    if (mine == null) {
      return null;
    }
    int rank = 1;
    for (ResultRow r : others) {
      if (better.compare(r, mine) < 0) {
        rank++;
      }
    }
    return new Rank(mine, rank, others.size() + 1);
  }
}
