package dev.softclass.select;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The values one training setting takes in a search: a list of alternatives, or a numeric range
 * searched at evenly spaced points (linear or logarithmic) by a grid and sampled uniformly (or
 * log-uniformly) by a random search. Immutable.
 */
public sealed interface SearchDimension {
  /** The setting's name, as in {@code TrainingSettings.params()}. */
  String name();

  /** The values a grid search tries, in order. */
  List<Object> gridValues();

  /** One value drawn at random. */
  Object sample(SplittableRandom random);

  /**
   * Alternatives, tried in the order given.
   *
   * @param name the setting
   * @param values numbers or strings, at least one
   */
  record Choice(String name, List<Object> values) implements SearchDimension {
    /** Copies the values; refuses an empty list. */
    public Choice {
      values = List.copyOf(values);
      if (values.isEmpty()) {
        throw new IllegalArgumentException(name + ": no values");
      }
    }

    @Override
    public List<Object> gridValues() {
      return values;
    }

    @Override
    public Object sample(SplittableRandom random) {
      return values.get(random.nextInt(values.size()));
    }
  }

  /**
   * A numeric range from {@code low} to {@code high} (both included).
   *
   * @param name the setting
   * @param low the lower end
   * @param high the upper end, at least {@code low}
   * @param log whether grid points are spaced evenly in {@code log(value)} (both ends then > 0)
   * @param points grid points, at least 1 (1: just {@code low})
   */
  record Range(String name, double low, double high, boolean log, int points)
      implements SearchDimension {
    /** Checks the ends and the point count. */
    public Range {
      if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
        throw new IllegalArgumentException(
            name + ": the range needs finite ends with low <= high, got " + low + ".." + high);
      }
      if (log && !(low > 0)) {
        throw new IllegalArgumentException(
            name + ": a log range needs ends > 0, got " + low + ".." + high);
      }
      if (points < 1) {
        throw new IllegalArgumentException(name + ": a range needs at least 1 point");
      }
    }

    @Override
    public List<Object> gridValues() {
      Object[] out = new Object[points];
      for (int i = 0; i < points; i++) {
        double t = points == 1 ? 0 : (double) i / (points - 1);
        out[i] = at(t);
      }
      // Exact ends, free of exp/log rounding.
      out[0] = low;
      if (points > 1) {
        out[points - 1] = high;
      }
      return List.of(out);
    }

    @Override
    public Object sample(SplittableRandom random) {
      return at(random.nextDouble());
    }

    private double at(double t) {
      return log
          ? Math.exp(Math.log(low) + t * (Math.log(high) - Math.log(low)))
          : low + t * (high - low);
    }
  }
}
